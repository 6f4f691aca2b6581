import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { Component, provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatSnackBarHarness } from '@angular/material/snack-bar/testing';

import { LOGGER, Logger } from '../logging/logger';
import { Session } from './session';

/** An empty fixture, only there to give the harness loader a document to search. */
@Component({ template: '' })
class EmptyHost {}

describe('Session', () => {
  let logger: jasmine.SpyObj<Logger>;

  beforeEach(() => {
    logger = jasmine.createSpyObj<Logger>('logger', ['error', 'warn']);
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        { provide: LOGGER, useValue: logger },
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
  });

  afterEach(() => document.querySelector('.cdk-overlay-container')?.remove());

  it('tells the user to sign in again when the session has ended', async () => {
    const loader = TestbedHarnessEnvironment.documentRootLoader(TestBed.createComponent(EmptyHost));
    TestBed.inject(Session).signInRequired();

    // The snack bar module is imported on demand, so it appears a little later.
    const snackBar = await waitFor(() => loader.getHarnessOrNull(MatSnackBarHarness));
    expect(await snackBar.getMessage()).toBe('Your session has ended. Please sign in again.');
    expect(await snackBar.getActionDescription()).toBe('Dismiss');
  });

  it('reports other failures to the logger with the operation name', () => {
    const error = new Error('Gateway unreachable');
    TestBed.inject(Session).reportFailure('MyPlans', error);

    expect(logger.error).toHaveBeenCalledOnceWith('GraphQL operation MyPlans failed', error);
  });
});

async function waitFor<T>(find: () => Promise<T | null>, timeoutMs = 2000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await find();
    if (found) return found;
    if (Date.now() > deadline) throw new Error('Timed out waiting for the snack bar');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
