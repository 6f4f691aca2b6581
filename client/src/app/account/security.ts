import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { Apollo } from 'apollo-angular';

import { CURRENT_ACCOUNT } from '../auth/auth-queries';
import { ChangePassword } from './change-password';
import { MfaSettings } from './mfa-settings';
import { SessionList } from './session-list';

/** "Security": password, two-step verification and where the account is signed in. */
@Component({
  selector: 'app-security',
  imports: [ChangePassword, MfaSettings, SessionList],
  template: `
    <h1>Security</h1>
    <section aria-labelledby="password-heading">
      <h2 id="password-heading">Password</h2>
      <app-change-password />
    </section>
    <section aria-labelledby="mfa-heading">
      <h2 id="mfa-heading">Two-step verification</h2>
      @if (account(); as account) {
        <app-mfa-settings [isEnabled]="account.isMfaEnabled" (changed)="reload()" />
      }
    </section>
    <section aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Where you're signed in</h2>
      <app-session-list />
    </section>
  `,
  styles: `
    :host {
      display: block;
    }
    h1 {
      font: var(--mat-sys-headline-medium);
      margin: 8px 0 24px;
    }
    h2 {
      font: var(--mat-sys-title-large);
      margin: 0 0 12px;
    }
    section {
      margin-bottom: 32px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Security {
  private readonly query = inject(Apollo).watchQuery({ query: CURRENT_ACCOUNT });
  private readonly result = toSignal(this.query.valueChanges);
  protected readonly account = computed(() => {
    const result = this.result();
    return result?.dataState === 'complete' ? result.data.me : null;
  });

  protected reload(): void {
    // A failed reload leaves the last known state on screen; the error link has logged it.
    this.query.refetch().catch(() => undefined);
  }
}
