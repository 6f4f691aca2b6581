import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';

import { PASSWORD_HINT, PASSWORD_MIN_LENGTH } from './password-rules';

/**
 * A "new password" field with the password rules as its hint, the client-side length check
 * and the server's reasons when it rejected the password. Its form's Validators must include
 * `Validators.required` and `Validators.minLength(PASSWORD_MIN_LENGTH)`.
 */
@Component({
  selector: 'app-new-password-field',
  imports: [MatFormFieldModule, MatInputModule, ReactiveFormsModule],
  template: `
    <!-- dynamic: the two-line hint must push what follows down, not run under it. -->
    <mat-form-field appearance="outline" class="field" subscriptSizing="dynamic">
      <mat-label>{{ label() }}</mat-label>
      <input
        matInput
        type="password"
        [formControl]="control()"
        autocomplete="new-password"
        required
      />
      <mat-hint>{{ hint }}</mat-hint>
      @if (control().hasError('required')) {
        <mat-error>Enter a password.</mat-error>
      } @else if (control().hasError('minlength')) {
        <mat-error>Use at least {{ minLength }} characters.</mat-error>
      }
    </mat-form-field>
    @if (serverReasons().length) {
      <div class="reasons" role="group" aria-label="Why this password was not accepted">
        <p>This password was not accepted:</p>
        <ul>
          @for (reason of serverReasons(); track reason) {
            <li>{{ reason }}</li>
          }
        </ul>
      </div>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .field {
      width: 100%;
      margin-bottom: 8px;
    }
    .reasons {
      color: var(--mat-sys-error);
      font: var(--mat-sys-body-medium);
    }
    .reasons p,
    .reasons ul {
      margin: 0 0 8px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NewPasswordField {
  readonly control = input.required<FormControl<string>>();
  readonly label = input('New password');
  /** Reasons from the server's PasswordRejected answer. */
  readonly serverReasons = input<readonly string[]>([]);

  protected readonly hint = PASSWORD_HINT;
  protected readonly minLength = PASSWORD_MIN_LENGTH;
}
