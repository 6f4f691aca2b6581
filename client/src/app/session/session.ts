import { computed, inject, Injectable, signal } from '@angular/core';
import { ErrorLike } from '@apollo/client';
import { Router } from '@angular/router';

import { LOGGER } from '../logging/logger';

/** The signed-in account as far as the shell needs it. */
export interface SignedInAccount {
  readonly id: string;
  readonly name: string;
  readonly role: string;
}

/**
 * The gateway calls the session makes. The GraphQL client only exists on the lazy portal
 * route (it is too large for the initial bundle), so the route connects it at start-up
 * (see provideGraphQL) instead of this root service importing Apollo.
 */
export interface SessionGateway {
  /** Ends the session on the server and forgets every cached answer of this account. */
  signOut(): Promise<void>;
}

export const SESSION_ENDED_NOTICE = 'Your session has ended. Please sign in again.';

/**
 * The signed-in account's session, as far as the client knows it. The session cookie is
 * HttpOnly: the client never sees a token, only whether the gateway knows who we are.
 */
@Injectable({ providedIn: 'root' })
export class Session {
  private readonly logger = inject(LOGGER);
  private readonly router = inject(Router);
  private gateway: SessionGateway | null = null;
  /** While signing out, the server may answer UNAUTHENTICATED; that is no "session ended". */
  private isSigningOut = false;

  private readonly current = signal<SignedInAccount | null>(null);
  private readonly pendingNotice = signal<string | null>(null);

  /** The signed-in account, or null before the first check and after signing out. */
  readonly account = this.current.asReadonly();
  readonly isSignedIn = computed(() => this.current() !== null);

  connect(gateway: SessionGateway): void {
    this.gateway = gateway;
  }

  signedIn(account: SignedInAccount): void {
    this.current.set(account);
  }

  /** A message for the sign-in page (why the user landed there); read once. */
  takeNotice(): string | null {
    const notice = this.pendingNotice();
    this.pendingNotice.set(null);
    return notice;
  }

  /**
   * The gateway no longer knows this session (expired or revoked): go to sign-in and come
   * back afterwards. When it happens during a navigation (a guard's check), the page being
   * opened is the one to return to, not the one being left.
   */
  signInRequired(): void {
    const navigation = this.router.currentNavigation();
    const target = navigation
      ? this.router.serializeUrl(navigation.finalUrl ?? navigation.extractedUrl)
      : this.router.url;
    this.current.set(null);
    if (this.isSigningOut || target.startsWith('/sign-in')) return;
    this.pendingNotice.set(SESSION_ENDED_NOTICE);
    void this.router.navigate(['/sign-in'], { queryParams: { returnUrl: target } });
  }

  /** Ends the session (server and client) and goes to sign-in, which shows `notice`. */
  async signOut(notice = 'You have signed out.'): Promise<void> {
    this.isSigningOut = true;
    try {
      await this.gateway?.signOut();
    } catch (error: unknown) {
      // Offline or already signed out on the server: the user asked to leave, so the local
      // session ends anyway; the failure is only worth a log line.
      this.logger.warn('Sign-out request failed', error);
    } finally {
      this.isSigningOut = false;
    }
    this.current.set(null);
    this.pendingNotice.set(notice);
    await this.router.navigateByUrl('/sign-in');
  }

  reportFailure(operationName: string, error: ErrorLike): void {
    this.logger.error(`GraphQL operation ${operationName} failed`, error);
  }
}
