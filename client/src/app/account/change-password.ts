import { LiveAnnouncer } from '@angular/cdk/a11y';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormBuilder, FormGroupDirective, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';

import { focusFirstInvalid } from '../forms/form-focus';
import { NewPasswordField } from '../forms/new-password-field';
import { PASSWORD_MIN_LENGTH } from '../forms/password-rules';
import { StepUp, StepUpCancelled } from '../step-up/step-up';
import { CHANGE_PASSWORD } from './security-queries';

/** Change password (current + new); the gateway may ask for an authenticator code first. */
@Component({
  selector: 'app-change-password',
  imports: [
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    NewPasswordField,
    ReactiveFormsModule,
  ],
  template: `
    <p class="message" [class.message-error]="isError()" aria-live="polite">{{ message() }}</p>
    <form
      #formElement
      [formGroup]="form"
      (ngSubmit)="submit(formElement, directive)"
      #directive="ngForm"
      novalidate
    >
      <mat-form-field appearance="outline" class="field">
        <mat-label>Current password</mat-label>
        <input
          matInput
          type="password"
          formControlName="currentPassword"
          autocomplete="current-password"
          required
        />
        @if (form.controls.currentPassword.hasError('required')) {
          <mat-error>Enter your current password.</mat-error>
        }
      </mat-form-field>
      <app-new-password-field [control]="form.controls.newPassword" [serverReasons]="reasons()" />
      <div class="actions">
        <button matButton="filled" type="submit" [disabled]="pending()" disabledInteractive>
          Change password
        </button>
      </div>
    </form>
  `,
  styles: `
    :host {
      display: block;
      max-width: 440px;
    }
    form {
      display: flex;
      flex-direction: column;
      gap: 8px;
    }
    .field {
      width: 100%;
    }
    .message {
      margin: 0 0 8px;
    }
    .message:empty {
      margin: 0;
    }
    .message-error {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChangePassword {
  private readonly apollo = inject(Apollo);
  private readonly stepUp = inject(StepUp);
  private readonly announcer = inject(LiveAnnouncer);

  protected readonly form = inject(FormBuilder).nonNullable.group({
    currentPassword: ['', Validators.required],
    newPassword: ['', [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH)]],
  });
  protected readonly pending = signal(false);
  protected readonly message = signal('');
  protected readonly isError = signal(false);
  protected readonly reasons = signal<readonly string[]>([]);

  protected async submit(formElement: HTMLElement, directive: FormGroupDirective): Promise<void> {
    if (this.pending()) return;
    this.form.markAllAsTouched();
    if (focusFirstInvalid(formElement)) return;
    this.pending.set(true);
    this.show('', false);
    this.reasons.set([]);
    try {
      const { data } = await this.stepUp.run(() =>
        firstValueFrom(
          this.apollo.mutate({
            mutation: CHANGE_PASSWORD,
            variables: { input: this.form.getRawValue() },
          }),
        ),
      );
      const answer = data?.changePassword;
      if (answer?.__typename === 'PasswordChanged') {
        directive.resetForm();
        this.show(answer.message, false);
        void this.announcer.announce(answer.message, 'polite');
      } else if (answer?.__typename === 'PasswordRejected') {
        this.reasons.set(answer.reasons);
        this.show(answer.message, true);
      } else if (answer) {
        this.show('Your current password is not right. Check it and try again.', true);
      }
    } catch (error: unknown) {
      // StepUpCancelled: the user closed the code dialog; anything else is a failed request
      // the error link has logged.
      this.show(
        error instanceof StepUpCancelled
          ? 'Your password was not changed.'
          : "We couldn't change your password. Try again.",
        true,
      );
    } finally {
      this.pending.set(false);
    }
  }

  private show(message: string, isError: boolean): void {
    this.message.set(message);
    this.isError.set(isError);
  }
}
