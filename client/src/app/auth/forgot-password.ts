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
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';

import { focusFirstInvalid } from '../forms/form-focus';
import { REQUEST_PASSWORD_RESET } from './auth-queries';

/**
 * "Forgot password?": asks for a reset link. The server answers the same whether or not the
 * address has an account (no account enumeration), and so does this page.
 */
@Component({
  selector: 'app-forgot-password',
  imports: [MatButtonModule, MatFormFieldModule, MatInputModule, ReactiveFormsModule, RouterLink],
  template: `
    <h1 #heading tabindex="-1">Reset your password</h1>
    @if (sent(); as sent) {
      <p class="message" role="status">{{ sent }}</p>
      <p>The link works once and expires soon. Check your spam folder if it doesn't arrive.</p>
    } @else {
      <p>
        Enter the email address you sign in with. We'll email you a link to choose a new password.
      </p>
      <p class="message message-error" aria-live="polite">{{ error() }}</p>
      <form #formElement [formGroup]="form" (ngSubmit)="submit(formElement)" novalidate>
        <mat-form-field appearance="outline" class="field">
          <mat-label>Email</mat-label>
          <input matInput type="email" [formControl]="email" autocomplete="email" required />
          @if (email.hasError('required')) {
            <mat-error>Enter your email address.</mat-error>
          } @else if (email.hasError('email')) {
            <mat-error>Enter an email address like name&#64;example.com.</mat-error>
          }
        </mat-form-field>
        <div class="actions">
          <button matButton="filled" type="submit" [disabled]="pending()" disabledInteractive>
            Send reset link
          </button>
        </div>
      </form>
    }
    <div class="links">
      <p><a routerLink="/sign-in">Back to sign in</a></p>
    </div>
  `,
  styleUrl: '../forms/forms.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ForgotPassword {
  private readonly apollo = inject(Apollo);
  private readonly injector = inject(Injector);
  private readonly heading = viewChild.required<ElementRef<HTMLElement>>('heading');

  protected readonly email = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, Validators.email],
  });
  /** The form's group: gives ngSubmit (no page reload) and submitted-state errors. */
  protected readonly form = new FormGroup({ email: this.email });
  protected readonly pending = signal(false);
  protected readonly error = signal('');
  protected readonly sent = signal<string | null>(null);

  protected async submit(form: HTMLElement): Promise<void> {
    if (this.pending()) return;
    this.email.markAsTouched();
    if (focusFirstInvalid(form)) return;
    this.pending.set(true);
    this.error.set('');
    try {
      const { data } = await firstValueFrom(
        this.apollo.mutate({
          mutation: REQUEST_PASSWORD_RESET,
          variables: { input: { email: this.email.value } },
        }),
      );
      this.sent.set(
        data?.requestPasswordReset.message ??
          'If that address has an account, we have emailed it a reset link.',
      );
      afterNextRender(() => this.heading().nativeElement.focus(), { injector: this.injector });
    } catch {
      // Network or gateway failure, logged by the error link; the user can send again.
      this.error.set("We couldn't send the link. Check your connection and try again.");
    } finally {
      this.pending.set(false);
    }
  }
}
