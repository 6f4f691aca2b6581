import { inject, Injectable, Injector } from '@angular/core';
import { ErrorLike } from '@apollo/client';

import { LOGGER } from '../logging/logger';

/**
 * The signed-in customer's session, as far as the client knows it.
 *
 * There is no sign-in yet (the development gateway treats every request as the demo
 * customer), so `signInRequired` only tells the user; once sign-in exists it navigates there.
 */
@Injectable({ providedIn: 'root' })
export class Session {
  private readonly logger = inject(LOGGER);
  private readonly injector = inject(Injector);

  signInRequired(): void {
    // Loaded on demand: the snack bar and its overlay are not needed to render the first page.
    void import('@angular/material/snack-bar').then(({ MatSnackBar }) => {
      this.injector
        .get(MatSnackBar)
        .open('Your session has ended. Please sign in again.', 'Dismiss', {
          duration: 10_000,
          politeness: 'assertive',
        });
    });
  }

  reportFailure(operationName: string, error: ErrorLike): void {
    this.logger.error(`GraphQL operation ${operationName} failed`, error);
  }
}
