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
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';

import { focusFirstInvalid } from '../forms/form-focus';
import { takeFragmentToken } from '../forms/fragment-token';
import { NewPasswordField } from '../forms/new-password-field';
import { PASSWORD_MIN_LENGTH } from '../forms/password-rules';
import { RESET_PASSWORD } from './auth-queries';

/** Choose a new password from an emailed `/reset-password#token=…` link. */
@Component({
  selector: 'app-reset-password',
  imports: [MatButtonModule, NewPasswordField, ReactiveFormsModule, RouterLink],
  template: `
    <h1 #heading tabindex="-1">Choose a new password</h1>
    @if (done(); as done) {
      <p class="message" role="status">{{ done }}</p>
      <p><a routerLink="/sign-in">Sign in with your new password</a></p>
    } @else if (!token) {
      <p>This link is incomplete. Open the link from the email again, or ask for a new one.</p>
      <p><a routerLink="/forgot-password">Send me a new link</a></p>
    } @else {
      <p class="message message-error" aria-live="polite">{{ error() }}</p>
      @if (isTokenInvalid()) {
        <p><a routerLink="/forgot-password">Send me a new link</a></p>
      }
      <form #formElement [formGroup]="form" (ngSubmit)="submit(formElement)" novalidate>
        <app-new-password-field [control]="password" [serverReasons]="reasons()" />
        <div class="actions">
          <button matButton="filled" type="submit" [disabled]="pending()" disabledInteractive>
            Save new password
          </button>
        </div>
      </form>
    }
  `,
  styleUrl: '../forms/forms.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ResetPassword {
  private readonly apollo = inject(Apollo);
  private readonly injector = inject(Injector);
  private readonly heading = viewChild.required<ElementRef<HTMLElement>>('heading');

  protected readonly token = takeFragmentToken();
  protected readonly password = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH)],
  });
  /** The form's group: gives ngSubmit (no page reload) and submitted-state errors. */
  protected readonly form = new FormGroup({ password: this.password });
  protected readonly pending = signal(false);
  protected readonly error = signal('');
  protected readonly reasons = signal<readonly string[]>([]);
  protected readonly isTokenInvalid = signal(false);
  protected readonly done = signal<string | null>(null);

  protected async submit(form: HTMLElement): Promise<void> {
    if (this.pending() || !this.token) return;
    this.password.markAsTouched();
    if (focusFirstInvalid(form)) return;
    this.pending.set(true);
    this.error.set('');
    this.reasons.set([]);
    try {
      const { data } = await firstValueFrom(
        this.apollo.mutate({
          mutation: RESET_PASSWORD,
          variables: { input: { token: this.token, newPassword: this.password.value } },
        }),
      );
      const answer = data?.resetPassword;
      if (answer?.__typename === 'PasswordReset') {
        this.done.set(answer.message);
        afterNextRender(() => this.heading().nativeElement.focus(), { injector: this.injector });
      } else if (answer?.__typename === 'PasswordRejected') {
        this.reasons.set(answer.reasons);
        this.error.set(answer.message);
      } else if (answer) {
        this.isTokenInvalid.set(true);
        this.error.set(answer.message);
      }
    } catch {
      // Network or gateway failure, logged by the error link; the form keeps what was typed.
      this.error.set("We couldn't save your password. Check your connection and try again.");
    } finally {
      this.pending.set(false);
    }
  }
}
