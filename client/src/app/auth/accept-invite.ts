import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { Router, RouterLink } from '@angular/router';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';

import { focusFirstInvalid } from '../forms/form-focus';
import { takeFragmentToken } from '../forms/fragment-token';
import { NewPasswordField } from '../forms/new-password-field';
import { PASSWORD_MIN_LENGTH } from '../forms/password-rules';
import { DEFAULT_RETURN_URL } from '../session/return-url';
import { Session } from '../session/session';
import { ACCEPT_INVITE } from './auth-queries';

/** Accept an emailed invitation (`/accept-invite#token=…`): choose a password, then you're in. */
@Component({
  selector: 'app-accept-invite',
  imports: [MatButtonModule, NewPasswordField, ReactiveFormsModule, RouterLink],
  template: `
    <h1>Set up your account</h1>
    @if (!token) {
      <p>This invitation link is incomplete. Open the link from the email again.</p>
    } @else {
      <p>Choose a password to finish setting up your Installa account.</p>
      <p class="message message-error" aria-live="polite">{{ error() }}</p>
      <form #formElement [formGroup]="form" (ngSubmit)="submit(formElement)" novalidate>
        <app-new-password-field label="Password" [control]="password" [serverReasons]="reasons()" />
        <div class="actions">
          <button matButton="filled" type="submit" [disabled]="pending()" disabledInteractive>
            Create my account
          </button>
        </div>
      </form>
    }
    <div class="links">
      <p>Already set up? <a routerLink="/sign-in">Sign in</a></p>
    </div>
  `,
  styleUrl: '../forms/forms.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AcceptInvite {
  private readonly apollo = inject(Apollo);
  private readonly router = inject(Router);
  private readonly session = inject(Session);

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
          mutation: ACCEPT_INVITE,
          variables: { input: { token: this.token, password: this.password.value } },
        }),
      );
      const answer = data?.acceptInvite;
      if (answer?.__typename === 'SignedIn') {
        await this.apollo.client.clearStore();
        this.session.signedIn(answer.account);
        await this.router.navigateByUrl(DEFAULT_RETURN_URL);
        return;
      }
      if (answer?.__typename === 'PasswordRejected') this.reasons.set(answer.reasons);
      if (answer) this.error.set(answer.message);
    } catch {
      // Network or gateway failure, logged by the error link; the form keeps what was typed.
      this.error.set("We couldn't reach Installa. Check your connection and try again.");
    } finally {
      this.pending.set(false);
    }
  }
}
