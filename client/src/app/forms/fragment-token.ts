import { Location } from '@angular/common';
import { inject } from '@angular/core';
import { ActivatedRoute, NavigationEnd, Router } from '@angular/router';
import { filter, take } from 'rxjs';

/**
 * Reads `token` from the URL fragment of an emailed link (`/reset-password#token=…`) and
 * removes the fragment from the address bar. The fragment is never sent to servers (no
 * access logs, no Referer); replacing the history entry also keeps the token out of the
 * back button and of bookmarks. Call in an injection context (a field initializer).
 */
export function takeFragmentToken(): string | null {
  const fragment = inject(ActivatedRoute).snapshot.fragment ?? '';
  const location = inject(Location);
  const token = new URLSearchParams(fragment).get('token');
  if (fragment) {
    // The router writes the full URL to the address bar when its navigation ends (after this
    // page was created), so the fragment can only be removed after that.
    inject(Router)
      .events.pipe(
        filter((event) => event instanceof NavigationEnd),
        take(1),
      )
      .subscribe(() => location.replaceState(location.path(true).replace(/#.*$/, '')));
  }
  return token || null;
}
