import { LiveAnnouncer } from '@angular/cdk/a11y';
import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { provideZonelessChangeDetection } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { provideRouter } from '@angular/router';
import {
  APOLLO_TESTING_CACHE,
  ApolloTestingController,
  ApolloTestingModule,
} from 'apollo-angular/testing';

import { createCache } from '../graphql/apollo-cache';
import { Session } from '../session/session';
import { axeViolations } from '../testing/axe';
import { AccountSession } from './security-queries';
import { deviceName, SessionList } from './session-list';

const FIREFOX_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0';
const CHROME_LINUX =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36';

function accountSession(id: string, overrides: Partial<AccountSession> = {}): AccountSession {
  return {
    __typename: 'AccountSession',
    id,
    createdAt: '2026-12-01T09:00:00.000Z',
    lastSeenAt: '2026-12-04T09:00:00.000Z',
    expiresAt: '2026-12-31T09:00:00.000Z',
    userAgent: CHROME_LINUX,
    ip: '203.0.113.7',
    isCurrent: false,
    ...overrides,
  };
}

describe('deviceName', () => {
  it('names the browser and the system from a user agent', () => {
    expect(deviceName(FIREFOX_WINDOWS)).toBe('Firefox on Windows');
    expect(deviceName(CHROME_LINUX)).toBe('Chrome on Linux');
    expect(deviceName(null)).toBe('Unknown browser');
  });
});

describe('SessionList', () => {
  let fixture: ComponentFixture<SessionList>;
  let loader: HarnessLoader;
  let controller: ApolloTestingController;
  let announce: jasmine.Spy<LiveAnnouncer['announce']>;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [ApolloTestingModule, SessionList],
      providers: [
        provideZonelessChangeDetection(),
        provideRouter([]),
        { provide: APOLLO_TESTING_CACHE, useFactory: createCache },
      ],
    });
    controller = TestBed.inject(ApolloTestingController);
    announce = spyOn(TestBed.inject(LiveAnnouncer), 'announce').and.resolveTo();
    fixture = TestBed.createComponent(SessionList);
    loader = TestbedHarnessEnvironment.loader(fixture);
    await fixture.whenStable();
  });

  afterEach(() => controller.verify());

  async function settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  }

  const current = accountSession('s-1', { isCurrent: true });
  const laptop = accountSession('s-2', { userAgent: FIREFOX_WINDOWS, ip: '198.51.100.4' });

  it('lists every session with its device, place and times, marking this device', async () => {
    controller.expectOne('MySessions').flushData({ mySessions: [current, laptop] });
    await settle();

    const text: string = fixture.nativeElement.textContent;
    expect(text).toContain('Chrome on Linux (this device)');
    expect(text).toContain('Firefox on Windows');
    expect(text).toContain('from 198.51.100.4');
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: 'Sign out' }))).toHaveSize(2);
    expect(await axeViolations(fixture.nativeElement, ['region'])).toEqual([]);
  });

  it('signs out another session, reloads the list and announces it', async () => {
    controller.expectOne('MySessions').flushData({ mySessions: [current, laptop] });
    await settle();

    const buttons = await loader.getAllHarnesses(MatButtonHarness.with({ text: 'Sign out' }));
    await buttons[1].click();
    const revoke = controller.expectOne('RevokeSession');
    expect(revoke.operation.variables).toEqual({ input: { id: 's-2' } });
    revoke.flushData({ revokeSession: { __typename: 'SessionRevoked' } });
    await settle();
    controller.expectOne('MySessions').flushData({ mySessions: [current] });
    await settle();

    expect(fixture.nativeElement.textContent).not.toContain('Firefox on Windows');
    expect(announce).toHaveBeenCalledWith('Signed out Firefox on Windows.', 'polite');
  });

  it('signs this browser out completely when its own session is revoked', async () => {
    const signOut = spyOn(TestBed.inject(Session), 'signOut').and.resolveTo();
    controller.expectOne('MySessions').flushData({ mySessions: [current] });
    await settle();

    await (await loader.getHarness(MatButtonHarness.with({ text: 'Sign out' }))).click();
    controller
      .expectOne('RevokeSession')
      .flushData({ revokeSession: { __typename: 'SessionRevoked' } });
    await settle();

    expect(signOut).toHaveBeenCalled();
  });
});
