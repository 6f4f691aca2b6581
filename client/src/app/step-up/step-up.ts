import { inject, Injectable, Injector } from '@angular/core';
import { firstValueFrom } from 'rxjs';

import { isStepUpRequired } from '../graphql/error-link';

/** The user closed the step-up dialog: the action was not carried out. */
export class StepUpCancelled extends Error {
  constructor() {
    super('Step-up confirmation cancelled');
    this.name = 'StepUpCancelled';
  }
}

/**
 * Runs sensitive actions (change password, disable MFA, export data…). When the gateway
 * answers FORBIDDEN / STEP_UP_REQUIRED, it asks for an authenticator code in a dialog
 * (which calls verifyMfa) and then runs the action once more.
 *
 * Provided on the portal route: the dialog is opened with this route's injector so that it
 * reaches the GraphQL client. The dialog code is imported on demand.
 */
@Injectable()
export class StepUp {
  private readonly injector = inject(Injector);

  /** Resolves with the action's result; rejects with StepUpCancelled or the action's error. */
  async run<T>(action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error: unknown) {
      // The mutation rejects with the gateway's errors; only a step-up request is ours.
      if (!isStepUpRequired(error)) throw error;
    }
    if (!(await this.confirm())) throw new StepUpCancelled();
    return action();
  }

  /** Opens the code dialog; true once verifyMfa accepted a code. */
  async confirm(): Promise<boolean> {
    const [{ MatDialog }, { StepUpDialog }] = await Promise.all([
      import('@angular/material/dialog'),
      import('./step-up-dialog'),
    ]);
    const dialog = this.injector.get(MatDialog);
    const ref = dialog.open<InstanceType<typeof StepUpDialog>, void, boolean>(StepUpDialog, {
      injector: this.injector,
      width: '480px',
      maxWidth: 'calc(100vw - 32px)',
      autoFocus: 'first-tabbable',
      restoreFocus: true,
    });
    return (await firstValueFrom(ref.afterClosed())) === true;
  }
}
