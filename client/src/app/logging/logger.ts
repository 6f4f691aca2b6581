import { InjectionToken } from '@angular/core';

/** Where the client reports failures it cannot show inline. */
export type Logger = Pick<Console, 'error' | 'warn'>;

/**
 * The client logger. There is no client-side log shipping yet, so it is the browser console,
 * where developers look; tests provide a fake to assert on reports and keep output clean.
 */
export const LOGGER = new InjectionToken<Logger>('Logger', {
  providedIn: 'root',
  factory: () => console,
});
