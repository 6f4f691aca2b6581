import { LiveAnnouncer } from '@angular/cdk/a11y';
import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';

import { Session } from '../session/session';
import { AccountSession, MY_SESSIONS, REVOKE_SESSION } from './security-queries';

const BROWSERS: readonly (readonly [RegExp, string])[] = [
  [/Edg\//, 'Edge'],
  [/OPR\//, 'Opera'],
  [/Firefox\//, 'Firefox'],
  [/Chrome\//, 'Chrome'],
  [/Safari\//, 'Safari'],
];
const SYSTEMS: readonly (readonly [RegExp, string])[] = [
  [/Android/, 'Android'],
  [/iPhone|iPad/, 'iOS'],
  [/Windows/, 'Windows'],
  [/Macintosh|Mac OS X/, 'macOS'],
  [/Linux/, 'Linux'],
];

/** A readable name for a browser from its user-agent string, e.g. "Firefox on Windows". */
export function deviceName(userAgent: string | null): string {
  if (!userAgent) return 'Unknown browser';
  const browser = BROWSERS.find(([pattern]) => pattern.test(userAgent))?.[1] ?? 'A browser';
  const system = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1];
  return system ? `${browser} on ${system}` : browser;
}

/** "Where you're signed in": every session of the account, each one can be signed out. */
@Component({
  selector: 'app-session-list',
  imports: [DatePipe, MatButtonModule, MatProgressBarModule],
  templateUrl: './session-list.html',
  styleUrl: './session-list.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SessionList {
  private readonly apollo = inject(Apollo);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly session = inject(Session);

  private readonly query = this.apollo.watchQuery({
    query: MY_SESSIONS,
    fetchPolicy: 'network-only',
    notifyOnNetworkStatusChange: true,
  });
  private readonly result = toSignal(this.query.valueChanges);

  protected readonly sessions = computed(() => {
    const result = this.result();
    return result?.dataState === 'complete' ? result.data.mySessions : null;
  });
  protected readonly failed = computed(() => !!this.result()?.error && !this.sessions());
  protected readonly revoking = signal<string | null>(null);
  protected readonly error = signal('');
  protected readonly deviceName = deviceName;

  protected async revoke(target: AccountSession): Promise<void> {
    if (this.revoking()) return;
    this.revoking.set(target.id);
    this.error.set('');
    try {
      await firstValueFrom(
        this.apollo.mutate({ mutation: REVOKE_SESSION, variables: { input: { id: target.id } } }),
      );
      if (target.isCurrent) {
        await this.session.signOut();
        return;
      }
      await this.query.refetch();
      void this.announcer.announce(`Signed out ${deviceName(target.userAgent)}.`, 'polite');
    } catch {
      // Network or gateway failure, logged by the error link; the session is still listed.
      this.error.set("We couldn't sign out that session. Try again.");
    } finally {
      this.revoking.set(null);
    }
  }

  protected retry(): void {
    // The error state comes through valueChanges; the rejection needs no second handling.
    this.query.refetch().catch(() => undefined);
  }
}
