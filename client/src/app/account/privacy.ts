import { LiveAnnouncer } from '@angular/cdk/a11y';
import { DatePipe, DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSlideToggleChange, MatSlideToggleModule } from '@angular/material/slide-toggle';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';

import { Session } from '../session/session';
import { StepUp, StepUpCancelled } from '../step-up/step-up';
import { buildDataExport, dataExportFileName, saveFile } from './data-export';
import { EraseConfirmation, EraseDialog } from './erase-dialog';
import {
  Consent,
  ConsentPurpose,
  ERASE_CUSTOMER,
  GRANT_CONSENT,
  MY_CONSENTS,
  MY_DATA_EXPORT,
  WITHDRAW_CONSENT,
} from './privacy-queries';

/** Customer-facing wording for each consent purpose. */
export const CONSENT_PURPOSES: Readonly<
  Record<ConsentPurpose, { readonly label: string; readonly description: string }>
> = {
  MARKETING_EMAIL: {
    label: 'News and offers by email',
    description: 'Occasional emails from Installa about new features and offers.',
  },
  PRODUCT_ANALYTICS: {
    label: 'Help us improve the portal',
    description: 'Let us measure how the portal is used, so we can make it easier to use.',
  },
  PARTNER_SHARING: {
    label: 'Share my details with partner shops',
    description: 'Let shops you bought from with Installa contact you with their offers.',
  },
};

/** "Privacy and your data": consents (one toggle each), download my data, erase my account. */
@Component({
  selector: 'app-privacy',
  imports: [DatePipe, MatButtonModule, MatProgressBarModule, MatSlideToggleModule],
  templateUrl: './privacy.html',
  styleUrl: './privacy.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Privacy {
  private readonly apollo = inject(Apollo);
  private readonly stepUp = inject(StepUp);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly dialog = inject(MatDialog);
  private readonly session = inject(Session);
  private readonly document = inject(DOCUMENT);

  private readonly result = toSignal(this.apollo.watchQuery({ query: MY_CONSENTS }).valueChanges);
  /** Answers of grant/withdraw, newer than the query's. */
  private readonly updated = signal<Partial<Record<ConsentPurpose, Consent>>>({});

  protected readonly purposes = CONSENT_PURPOSES;
  protected readonly customerId = computed(() => {
    const result = this.result();
    const me = result?.dataState === 'complete' ? result.data.me : null;
    return me?.__typename === 'Customer' ? me.id : null;
  });
  protected readonly consents = computed(() => {
    const result = this.result();
    const me = result?.dataState === 'complete' ? result.data.me : null;
    if (!me) return null;
    const known = me.__typename === 'Customer' ? me.consents : [];
    return (Object.keys(CONSENT_PURPOSES) as ConsentPurpose[]).map(
      (purpose): Consent =>
        this.updated()[purpose] ??
        known.find((consent) => consent.purpose === purpose) ?? {
          purpose,
          isGranted: false,
          grantedAt: null,
          withdrawnAt: null,
          version: '',
        },
    );
  });
  protected readonly failed = computed(() => !!this.result()?.error && !this.consents());
  protected readonly saving = signal<ConsentPurpose | null>(null);
  protected readonly pending = signal<'export' | 'erase' | null>(null);
  protected readonly message = signal('');

  protected async toggle(purpose: ConsentPurpose, change: MatSlideToggleChange): Promise<void> {
    this.saving.set(purpose);
    this.message.set('');
    const grant = change.checked;
    try {
      const variables = { input: { purpose } };
      const consent = grant
        ? (await firstValueFrom(this.apollo.mutate({ mutation: GRANT_CONSENT, variables }))).data
            ?.grantConsent
        : (await firstValueFrom(this.apollo.mutate({ mutation: WITHDRAW_CONSENT, variables }))).data
            ?.withdrawConsent;
      if (consent) this.updated.update((all) => ({ ...all, [purpose]: consent }));
      const label = CONSENT_PURPOSES[purpose].label;
      void this.announcer.announce(`${label}: ${grant ? 'on' : 'off'}.`, 'polite');
    } catch {
      // A failed request (logged by the error link): put the toggle back as it was.
      change.source.checked = !grant;
      this.message.set("We couldn't save that choice. Try again.");
    } finally {
      this.saving.set(null);
    }
  }

  protected async download(): Promise<void> {
    if (this.pending()) return;
    this.pending.set('export');
    this.message.set('');
    try {
      const { data } = await this.stepUp.run(() =>
        firstValueFrom(this.apollo.query({ query: MY_DATA_EXPORT, fetchPolicy: 'no-cache' })),
      );
      const now = new Date();
      saveFile(this.document, buildDataExport(data?.me ?? null, now), dataExportFileName(now));
      void this.announcer.announce('Your data file has been downloaded.', 'polite');
    } catch (error: unknown) {
      // Cancelled step-up, or a failed request the error link has logged.
      this.message.set(
        error instanceof StepUpCancelled
          ? 'Nothing was downloaded.'
          : "We couldn't prepare your data. Try again.",
      );
    } finally {
      this.pending.set(null);
    }
  }

  protected async erase(): Promise<void> {
    const customerId = this.customerId();
    if (this.pending() || !customerId) return;
    const ref = this.dialog.open<EraseDialog, void, EraseConfirmation>(EraseDialog, {
      width: '560px',
      maxWidth: 'calc(100vw - 32px)',
    });
    const confirmation = await firstValueFrom(ref.afterClosed());
    if (!confirmation) return;
    this.pending.set('erase');
    this.message.set('');
    try {
      const { data } = await this.stepUp.run(() =>
        firstValueFrom(
          this.apollo.mutate({
            mutation: ERASE_CUSTOMER,
            variables: { input: { customerId, reason: confirmation.reason } },
          }),
        ),
      );
      if (data?.eraseCustomer.message) {
        this.message.set(data.eraseCustomer.message);
        return;
      }
      await this.session.signOut('Your account has been erased. You have been signed out.');
    } catch (error: unknown) {
      // Cancelled step-up, or a failed request the error link has logged.
      this.message.set(
        error instanceof StepUpCancelled
          ? 'Your account was not erased.'
          : "We couldn't erase your account. Try again, or contact us.",
      );
    } finally {
      this.pending.set(null);
    }
  }
}
