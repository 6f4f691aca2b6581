import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  inject,
  Injector,
  signal,
  viewChild,
} from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { Apollo } from 'apollo-angular';
import { firstValueFrom, Observable } from 'rxjs';

import { focusFirstInvalid } from '../forms/form-focus';
import { isUnauthenticated } from '../graphql/error-link';
import { safeReturnUrl } from '../session/return-url';
import { Session } from '../session/session';
import { SIGN_IN, SignedIn, VERIFY_MFA } from './auth-queries';

/** One generic answer for a wrong email or password: never say which one was wrong. */
export const INVALID_CREDENTIALS_MESSAGE =
  "That email and password don't match. Check them and try again.";

/** "Sign in": email and password, then an authenticator code when the account has MFA. */
@Component({
  selector: 'app-sign-in',
  imports: [MatButtonModule, MatFormFieldModule, MatInputModule, ReactiveFormsModule, RouterLink],
  templateUrl: './sign-in.html',
  styleUrl: './sign-in.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignIn {
  private readonly apollo = inject(Apollo);
  private readonly router = inject(Router);
  private readonly session = inject(Session);
  private readonly injector = inject(Injector);
  private readonly returnUrl = safeReturnUrl(
    inject(ActivatedRoute).snapshot.queryParamMap.get('returnUrl'),
  );

  private readonly heading = viewChild.required<ElementRef<HTMLElement>>('heading');
  private readonly messageElement = viewChild<ElementRef<HTMLElement>>('message');
  private readonly formElement = viewChild<ElementRef<HTMLElement>>('form');

  protected readonly credentials = inject(FormBuilder).nonNullable.group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', Validators.required],
  });
  protected readonly mfa = inject(FormBuilder).nonNullable.group({
    code: ['', Validators.required],
  });

  protected readonly step = signal<'credentials' | 'mfa'>('credentials');
  protected readonly useRecoveryCode = signal(false);
  protected readonly pending = signal(false);
  /** Why the user is here (session ended), shown above the form. */
  protected readonly notice = signal(this.session.takeNotice());
  protected readonly error = signal('');

  protected async signIn(form: HTMLElement): Promise<void> {
    if (this.pending()) return;
    this.credentials.markAllAsTouched();
    if (focusFirstInvalid(form)) return;
    const result = await this.send(
      this.apollo.mutate({
        mutation: SIGN_IN,
        variables: { input: this.credentials.getRawValue() },
      }),
    );
    const answer = result?.signIn;
    if (!answer) return;
    switch (answer.__typename) {
      case 'SignedIn':
        return this.finish(answer);
      case 'MfaRequired':
        // staff who have not set up their authenticator get a new invitation by mail instead
        if (answer.code === 'MFA_ENROLLMENT_REQUIRED') return this.showError(answer.message);
        this.step.set('mfa');
        this.focusAfterRender(() => this.heading().nativeElement);
        return;
      case 'AccountLocked':
        return this.showError(lockedMessage(answer.retryAfterSeconds));
      default:
        this.credentials.controls.password.reset();
        return this.showError(INVALID_CREDENTIALS_MESSAGE);
    }
  }

  protected async verify(form: HTMLElement): Promise<void> {
    if (this.pending()) return;
    this.mfa.markAllAsTouched();
    if (focusFirstInvalid(form)) return;
    const code = this.mfa.controls.code.value.replace(/\s/g, '');
    const result = await this.send(
      this.apollo.mutate({ mutation: VERIFY_MFA, variables: { input: { code } } }),
    );
    const answer = result?.verifyMfa;
    if (!answer) return;
    if (answer.__typename === 'SignedIn') return this.finish(answer);
    this.mfa.reset();
    this.showError(answer.message || "That code didn't work. Try again.");
  }

  protected toggleRecoveryCode(): void {
    this.useRecoveryCode.update((use) => !use);
    this.mfa.reset();
    this.focusAfterRender(
      () => this.formElement()?.nativeElement.querySelector('input') ?? undefined,
    );
  }

  /** Back from the code step, e.g. to use another account. */
  protected startOver(): void {
    this.mfa.reset();
    this.credentials.controls.password.reset();
    this.error.set('');
    this.step.set('credentials');
    this.focusAfterRender(() => this.heading().nativeElement);
  }

  private async send<T>(request: Observable<{ readonly data?: T | null }>): Promise<T | null> {
    this.pending.set(true);
    this.error.set('');
    try {
      const { data } = await firstValueFrom(request);
      return data ?? null;
    } catch (error: unknown) {
      // A failed request (the error link has logged it): the form stays as typed. On the code
      // step, UNAUTHENTICATED means the half-finished sign-in expired: start again.
      if (this.step() === 'mfa' && isUnauthenticated(error)) {
        this.startOver();
        this.showError('That took too long. Please sign in again.');
        return null;
      }
      this.showError("We couldn't reach Installa. Check your connection and try again.");
      return null;
    } finally {
      this.pending.set(false);
    }
  }

  private async finish(signedIn: SignedIn): Promise<void> {
    // A previous account's answers must not show through (e.g. after a session expired).
    await this.apollo.client.clearStore();
    this.session.signedIn(signedIn.account);
    await this.router.navigateByUrl(this.returnUrl);
  }

  private showError(message: string): void {
    this.error.set(message);
    this.focusAfterRender(() => this.messageElement()?.nativeElement);
  }

  private focusAfterRender(target: () => HTMLElement | undefined): void {
    afterNextRender(() => target()?.focus(), { injector: this.injector });
  }
}

/** "Try again in 15 minutes." with the wait rounded up to whole minutes. */
export function lockedMessage(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  const wait = minutes === 1 ? '1 minute' : `${minutes} minutes`;
  return `Too many attempts to sign in. For your security, this account is paused. Try again in ${wait}.`;
}
