import { Routes } from '@angular/router';

import { provideGraphQL } from './graphql/provide-graphql';

/**
 * Pages that read the signed-in customer's data through the gateway. Loaded lazily together
 * with the GraphQL client they share. Page titles become "<title> · Installa" (PageTitle).
 */
export const portalRoutes: Routes = [
  {
    path: '',
    providers: [provideGraphQL()],
    children: [
      {
        path: 'plans',
        title: 'My plans',
        loadComponent: () => import('./plans/plan-list').then((m) => m.PlanList),
      },
    ],
  },
];
