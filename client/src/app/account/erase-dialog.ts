import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';

/** What the dialog closes with when the customer confirms; undefined when cancelled. */
export interface EraseConfirmation {
  readonly reason: string;
}

/** Confirms "Erase my account", saying plainly what is erased and what the law makes us keep. */
@Component({
  selector: 'app-erase-dialog',
  imports: [
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    ReactiveFormsModule,
  ],
  template: `
    <h2 mat-dialog-title>Erase your account?</h2>
    <mat-dialog-content>
      <p>This can't be undone. When you erase your account:</p>
      <ul>
        <li>
          We erase your name, email address, sign-in details, consents and anything else that
          identifies you, and you are signed out everywhere.
        </li>
        <li>
          We keep the financial records of your plans and payments for as long as the law requires
          (for example for tax and anti-money-laundering rules), without your contact details. Any
          amount you still owe remains owed.
        </li>
      </ul>
      <p>Consider downloading your data first.</p>
      <mat-form-field appearance="outline" class="field">
        <mat-label>Why are you leaving? (optional)</mat-label>
        <textarea matInput [formControl]="reason" rows="2"></textarea>
      </mat-form-field>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button matButton type="button" [mat-dialog-close]="undefined" cdkFocusInitial>Cancel</button>
      <button matButton="filled" class="danger" type="button" (click)="confirm()">
        Erase my account
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .field {
      width: 100%;
    }
    .danger {
      --mat-button-filled-container-color: var(--mat-sys-error);
      --mat-button-filled-label-text-color: var(--mat-sys-on-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EraseDialog {
  private readonly ref = inject<MatDialogRef<EraseDialog, EraseConfirmation>>(MatDialogRef);
  protected readonly reason = new FormControl('', { nonNullable: true });

  protected confirm(): void {
    this.ref.close({
      reason: this.reason.value.trim() || 'Requested by the customer in the portal',
    });
  }
}
