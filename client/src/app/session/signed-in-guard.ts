import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';

import { CURRENT_ACCOUNT } from '../auth/auth-queries';
import { isUnauthenticated } from '../graphql/error-link';
import { Session } from './session';

/**
 * Portal pages need a signed-in account. The HttpOnly cookie is invisible to scripts, so the
 * guard asks the gateway (`me`, null when signed out) and sends strangers to sign-in with the
 * page they wanted as `returnUrl`.
 */
export const signedInGuard: CanActivateFn = async (_route, state) => {
  const session = inject(Session);
  const router = inject(Router);
  // Already checked (or just signed in): no round trip before every page. A session revoked
  // meanwhile still surfaces as UNAUTHENTICATED on the page's own query.
  if (session.account()) return true;
  try {
    const { data } = await firstValueFrom(
      // network-only: a cached `me` could belong to a session that has since ended.
      inject(Apollo).query({ query: CURRENT_ACCOUNT, fetchPolicy: 'network-only' }),
    );
    const me = data?.me;
    if (!me) return router.createUrlTree(['/sign-in'], { queryParams: { returnUrl: state.url } });
    session.signedIn({ id: me.id, name: me.name, role: me.role });
    return true;
  } catch (error: unknown) {
    // A rejected check. A dead session has already been routed to sign-in by the error link
    // (with this page as returnUrl); any other failure (gateway down) lets the page open and
    // show its own error state with "Try again", rather than a blank screen.
    return !isUnauthenticated(error);
  }
};
