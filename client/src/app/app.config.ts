import {
  ApplicationConfig,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import { provideRouter, TitleStrategy, withInMemoryScrolling } from '@angular/router';

import { routes } from './app.routes';
import { PageTitle } from './shell/page-title';

/**
 * Application-wide providers. The GraphQL client (provideApollo with the HTTP + graphql-ws
 * split and the error link) is provided by `provideGraphQL()` on the lazy portal route, to keep
 * Apollo out of the initial bundle.
 */
export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideRouter(routes, withInMemoryScrolling({ scrollPositionRestoration: 'top' })),
    { provide: TitleStrategy, useClass: PageTitle },
  ],
};
