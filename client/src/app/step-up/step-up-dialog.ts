import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';

import { VERIFY_MFA } from '../auth/auth-queries';

/** "Confirm it's you": asks for an authenticator (or recovery) code before a sensitive action. */
@Component({
  selector: 'app-step-up-dialog',
  imports: [
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    ReactiveFormsModule,
  ],
  template: `
    <h2 mat-dialog-title>Confirm it's you</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <p>For your security, enter the 6-digit code from your authenticator app.</p>
        <mat-form-field appearance="outline" class="code">
          <mat-label>{{ useRecoveryCode() ? 'Recovery code' : '6-digit code' }}</mat-label>
          <!-- A recovery code has letters, which the numeric phone keypad cannot type. -->
          <input
            matInput
            [formControl]="code"
            [attr.autocomplete]="useRecoveryCode() ? 'off' : 'one-time-code'"
            [attr.inputmode]="useRecoveryCode() ? null : 'numeric'"
            required
          />
          @if (code.hasError('required')) {
            <mat-error>Enter the code.</mat-error>
          }
        </mat-form-field>
        <button matButton type="button" (click)="useRecoveryCode.set(!useRecoveryCode())">
          {{
            useRecoveryCode() ? 'Use the authenticator app instead' : 'Use a recovery code instead'
          }}
        </button>
        <p class="message" aria-live="polite">{{ error() }}</p>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button matButton type="button" [mat-dialog-close]="false">Cancel</button>
        <button matButton="filled" type="submit" [disabled]="pending()" disabledInteractive>
          Confirm
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .code {
      width: 100%;
    }
    .message {
      margin: 0;
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StepUpDialog {
  private readonly apollo = inject(Apollo);
  private readonly ref = inject<MatDialogRef<StepUpDialog, boolean>>(MatDialogRef);

  protected readonly code = new FormControl('', {
    nonNullable: true,
    validators: Validators.required,
  });
  /** The form's group: gives ngSubmit (no page reload) and submitted-state errors. */
  protected readonly form = new FormGroup({ code: this.code });
  protected readonly pending = signal(false);
  protected readonly useRecoveryCode = signal(false);
  protected readonly error = signal('');

  protected async submit(): Promise<void> {
    if (this.pending()) return;
    this.code.markAsTouched();
    if (this.code.invalid) return;
    this.pending.set(true);
    this.error.set('');
    try {
      const { data } = await firstValueFrom(
        this.apollo.mutate({
          mutation: VERIFY_MFA,
          variables: { input: { code: this.code.value.replace(/\s/g, '') } },
        }),
      );
      if (data?.verifyMfa.__typename === 'SignedIn') {
        this.ref.close(true);
        return;
      }
      this.error.set(data?.verifyMfa.message ?? "That code didn't work. Try again.");
    } catch {
      // Network or gateway failure (already logged by the error link): let the user retry.
      this.error.set("We couldn't check the code. Check your connection and try again.");
    } finally {
      this.pending.set(false);
    }
  }
}
