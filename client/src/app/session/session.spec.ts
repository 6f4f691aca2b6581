import { Component, provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';

import { LOGGER, Logger } from '../logging/logger';
import { SESSION_ENDED_NOTICE, Session, SessionGateway } from './session';

@Component({ template: '' })
class Page {}

describe('Session', () => {
  let logger: jasmine.SpyObj<Logger>;
  let session: Session;
  let router: Router;

  beforeEach(() => {
    logger = jasmine.createSpyObj<Logger>('logger', ['error', 'warn']);
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideRouter([
          { path: 'sign-in', component: Page },
          { path: 'plans', component: Page },
          { path: 'account/security', component: Page },
        ]),
        { provide: LOGGER, useValue: logger },
      ],
    });
    session = TestBed.inject(Session);
    router = TestBed.inject(Router);
  });

  it('sends the user to sign-in with the current page as returnUrl when the session ends', async () => {
    await router.navigateByUrl('/account/security');
    session.signedIn({ id: 'c1', name: 'Dana Demo', role: 'CUSTOMER' });

    session.signInRequired();
    await new Promise((resolve) => setTimeout(resolve));

    expect(router.url).toBe('/sign-in?returnUrl=%2Faccount%2Fsecurity');
    expect(session.account()).toBeNull();
    expect(session.takeNotice()).toBe(SESSION_ENDED_NOTICE);
    expect(session.takeNotice()).withContext('the notice is shown once').toBeNull();
  });

  it('returns to the page being opened when the session ends during a navigation', async () => {
    await router.navigateByUrl('/plans');
    router.events.subscribe(() => {
      if (router.currentNavigation() && router.url === '/plans') session.signInRequired();
    });

    await router.navigateByUrl('/account/security');
    await new Promise((resolve) => setTimeout(resolve));

    expect(router.url).toBe('/sign-in?returnUrl=%2Faccount%2Fsecurity');
  });

  it('does nothing more when already on the sign-in page', async () => {
    await router.navigateByUrl('/sign-in?returnUrl=%2Fplans');
    session.signInRequired();
    await new Promise((resolve) => setTimeout(resolve));

    expect(router.url).toBe('/sign-in?returnUrl=%2Fplans');
  });

  it('signs out on the server, forgets the account and goes to sign-in', async () => {
    const gateway = jasmine.createSpyObj<SessionGateway>('gateway', ['signOut']);
    gateway.signOut.and.resolveTo();
    session.connect(gateway);
    session.signedIn({ id: 'c1', name: 'Dana Demo', role: 'CUSTOMER' });
    await router.navigateByUrl('/plans');

    await session.signOut();

    expect(gateway.signOut).toHaveBeenCalledTimes(1);
    expect(session.account()).toBeNull();
    expect(router.url).toBe('/sign-in');
    expect(session.takeNotice()).toBe('You have signed out.');
  });

  it('does not call a sign-out "session ended" when the server already forgot the session', async () => {
    const gateway: SessionGateway = {
      signOut: async () => {
        session.signInRequired(); // what the error link does on UNAUTHENTICATED
        throw new Error('UNAUTHENTICATED');
      },
    };
    session.connect(gateway);
    await router.navigateByUrl('/plans');

    await session.signOut();
    await new Promise((resolve) => setTimeout(resolve));

    expect(router.url).toBe('/sign-in');
    expect(session.takeNotice()).toBe('You have signed out.');
  });

  it('still ends the local session when the sign-out request fails', async () => {
    const gateway = jasmine.createSpyObj<SessionGateway>('gateway', ['signOut']);
    gateway.signOut.and.rejectWith(new Error('offline'));
    session.connect(gateway);
    session.signedIn({ id: 'c1', name: 'Dana Demo', role: 'CUSTOMER' });

    await session.signOut();

    expect(session.account()).toBeNull();
    expect(router.url).toBe('/sign-in');
    expect(logger.warn).toHaveBeenCalled();
  });

  it('reports other failures to the logger with the operation name', () => {
    const error = new Error('Gateway unreachable');
    session.reportFailure('MyPlans', error);

    expect(logger.error).toHaveBeenCalledOnceWith('GraphQL operation MyPlans failed', error);
  });
});
