import { Routes } from '@angular/router';

/** Page titles are completed to "<title> · Installa" by PageTitle. */
export const routes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'plans' },
  {
    path: '',
    // Lazy: the GraphQL client, cards and tables stay out of the initial bundle (500 kB budget).
    loadChildren: () => import('./portal.routes').then((m) => m.portalRoutes),
  },
  {
    path: '**',
    title: 'Page not found',
    loadComponent: () => import('./not-found/not-found').then((m) => m.NotFound),
  },
];
