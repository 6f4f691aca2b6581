import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';

import { takeFragmentToken } from '../forms/fragment-token';
import { VERIFY_EMAIL } from './auth-queries';

type VerifyEmailView =
  | { readonly kind: 'checking' }
  | { readonly kind: 'verified' | 'failed'; readonly message: string };

/** Confirms an email address from an emailed `/verify-email#token=…` link, on arrival. */
@Component({
  selector: 'app-verify-email',
  imports: [MatProgressBarModule, RouterLink],
  template: `
    <h1>Confirm your email address</h1>
    @let v = view();
    <div role="status">
      @if (v.kind === 'checking') {
        <mat-progress-bar mode="indeterminate" aria-label="Confirming your email address" />
        <p>Confirming your email address…</p>
      } @else {
        <p class="message" [class.message-error]="v.kind === 'failed'">{{ v.message }}</p>
      }
    </div>
    @if (v.kind !== 'checking') {
      <p><a routerLink="/sign-in">Go to sign in</a></p>
    }
  `,
  styleUrl: '../forms/forms.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class VerifyEmail {
  private readonly apollo = inject(Apollo);
  private readonly token = takeFragmentToken();

  protected readonly view = signal<VerifyEmailView>({ kind: 'checking' });

  constructor() {
    void this.verify();
  }

  private async verify(): Promise<void> {
    if (!this.token) {
      this.view.set({
        kind: 'failed',
        message: 'This link is incomplete. Open the link from the email again.',
      });
      return;
    }
    try {
      const { data } = await firstValueFrom(
        this.apollo.mutate({ mutation: VERIFY_EMAIL, variables: { input: { token: this.token } } }),
      );
      const answer = data?.verifyEmail;
      if (!answer) throw new Error('verifyEmail returned no data');
      this.view.set({
        kind: answer.__typename === 'EmailVerified' ? 'verified' : 'failed',
        message: answer.message,
      });
    } catch {
      // Network or gateway failure, logged by the error link; reopening the link retries.
      this.view.set({
        kind: 'failed',
        message: "We couldn't confirm your address just now. Open the link again in a moment.",
      });
    }
  }
}
