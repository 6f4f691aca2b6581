import { Routes } from '@angular/router';

import { provideGraphQL } from './graphql/provide-graphql';
import { signedInGuard } from './session/signed-in-guard';

/**
 * Every page that talks to the gateway, loaded lazily together with the GraphQL client they
 * share. The sign-in pages are open to anyone; the rest need a signed-in account. Page titles
 * become "<title> · Installa" (PageTitle).
 */
export const portalRoutes: Routes = [
  {
    path: '',
    providers: [provideGraphQL()],
    children: [
      {
        path: 'sign-in',
        title: 'Sign in',
        loadComponent: () => import('./auth/sign-in').then((m) => m.SignIn),
      },
      {
        path: 'forgot-password',
        title: 'Reset your password',
        loadComponent: () => import('./auth/forgot-password').then((m) => m.ForgotPassword),
      },
      {
        path: 'reset-password',
        title: 'Choose a new password',
        loadComponent: () => import('./auth/reset-password').then((m) => m.ResetPassword),
      },
      {
        path: 'accept-invite',
        title: 'Set up your account',
        loadComponent: () => import('./auth/accept-invite').then((m) => m.AcceptInvite),
      },
      {
        path: 'verify-email',
        title: 'Confirm your email address',
        loadComponent: () => import('./auth/verify-email').then((m) => m.VerifyEmail),
      },
      {
        path: 'sign-up',
        title: 'Create an account',
        loadComponent: () => import('./auth/sign-up').then((m) => m.SignUp),
      },
      {
        path: '',
        canActivateChild: [signedInGuard],
        children: [
          {
            path: 'plans',
            title: 'My plans',
            loadComponent: () => import('./plans/plan-list').then((m) => m.PlanList),
          },
          {
            path: 'account/security',
            title: 'Security',
            loadComponent: () => import('./account/security').then((m) => m.Security),
          },
          {
            path: 'account/privacy',
            title: 'Privacy and your data',
            loadComponent: () => import('./account/privacy').then((m) => m.Privacy),
          },
        ],
      },
    ],
  },
];
