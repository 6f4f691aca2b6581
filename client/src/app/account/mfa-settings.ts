import { LiveAnnouncer } from '@angular/cdk/a11y';
import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  Injector,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { DomSanitizer, SafeUrl } from '@angular/platform-browser';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';

import { focusFirstInvalid } from '../forms/form-focus';
import { StepUp, StepUpCancelled } from '../step-up/step-up';
import {
  CONFIRM_MFA_ENROLLMENT,
  DISABLE_MFA,
  MfaEnrollment,
  REGENERATE_RECOVERY_CODES,
  START_MFA_ENROLLMENT,
} from './security-queries';

/**
 * Two-step verification: turn it on (secret as text and an `otpauth://` link, no QR code
 * library), confirm with a first code, show recovery codes once; new codes; turn it off.
 */
@Component({
  selector: 'app-mfa-settings',
  imports: [MatButtonModule, MatFormFieldModule, MatInputModule, ReactiveFormsModule],
  templateUrl: './mfa-settings.html',
  styleUrl: './mfa-settings.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MfaSettings {
  /** Whether the account has two-step verification on (from `me.isMfaEnabled`). */
  readonly isEnabled = input.required<boolean>();
  /** Emits after MFA was turned on or off, so the page reloads the account. */
  readonly changed = output<void>();

  private readonly apollo = inject(Apollo);
  private readonly stepUp = inject(StepUp);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly injector = inject(Injector);
  private readonly focusTarget = viewChild<ElementRef<HTMLElement>>('focusTarget');

  private readonly sanitizer = inject(DomSanitizer);

  protected readonly enrollment = signal<MfaEnrollment | null>(null);
  /**
   * Angular's URL sanitizer turns unknown schemes into `unsafe:…`; authenticator apps register
   * `otpauth:`. Only a URI that really starts with it is trusted, and it comes from our server.
   */
  protected readonly setupLink = computed<SafeUrl | null>(() => {
    const uri = this.enrollment()?.otpauthUri ?? '';
    return /^otpauth:\/\/totp\//.test(uri) ? this.sanitizer.bypassSecurityTrustUrl(uri) : null;
  });
  protected readonly recoveryCodes = signal<readonly string[]>([]);
  protected readonly pending = signal(false);
  protected readonly message = signal('');
  protected readonly code = new FormControl('', {
    nonNullable: true,
    validators: Validators.required,
  });
  /** The form's group: gives ngSubmit (no page reload) and submitted-state errors. */
  protected readonly form = new FormGroup({ code: this.code });

  protected async start(): Promise<void> {
    const data = await this.send(() =>
      this.stepUp.run(() => firstValueFrom(this.apollo.mutate({ mutation: START_MFA_ENROLLMENT }))),
    );
    if (!data?.data) return;
    this.enrollment.set(data.data.startMfaEnrollment);
    this.focusNext();
  }

  protected async confirm(form: HTMLElement): Promise<void> {
    this.code.markAsTouched();
    if (this.pending() || focusFirstInvalid(form)) return;
    const code = this.code.value.replace(/\s/g, '');
    const result = await this.send(() =>
      firstValueFrom(
        this.apollo.mutate({ mutation: CONFIRM_MFA_ENROLLMENT, variables: { input: { code } } }),
      ),
    );
    const answer = result?.data?.confirmMfaEnrollment;
    if (!answer) return;
    if (answer.__typename === 'InvalidMfaCode') {
      this.code.reset();
      this.message.set(answer.message);
      return;
    }
    this.enrollment.set(null);
    this.code.reset();
    this.showCodes(answer.recoveryCodes, 'Two-step verification is on.');
    this.changed.emit();
  }

  protected async regenerate(): Promise<void> {
    const result = await this.send(() =>
      this.stepUp.run(() =>
        firstValueFrom(this.apollo.mutate({ mutation: REGENERATE_RECOVERY_CODES })),
      ),
    );
    const codes = result?.data?.regenerateRecoveryCodes.recoveryCodes;
    if (codes)
      this.showCodes(codes, 'New recovery codes are ready. Your old codes no longer work.');
  }

  protected async disable(): Promise<void> {
    const result = await this.send(() =>
      this.stepUp.run(() => firstValueFrom(this.apollo.mutate({ mutation: DISABLE_MFA }))),
    );
    if (!result?.data?.disableMfa) return;
    this.recoveryCodes.set([]);
    void this.announcer.announce('Two-step verification is off.', 'polite');
    this.changed.emit();
  }

  protected async copyKey(secret: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(secret);
      void this.announcer.announce('Key copied.', 'polite');
    } catch {
      // Clipboard access refused (permissions, insecure context): the key stays on screen to
      // select and copy by hand.
      this.message.set("We couldn't copy the key. Select it and copy it instead.");
    }
  }

  protected cancelEnrollment(): void {
    this.enrollment.set(null);
    this.code.reset();
    this.message.set('');
  }

  protected doneWithCodes(): void {
    this.recoveryCodes.set([]);
  }

  private showCodes(codes: readonly string[], announcement: string): void {
    this.recoveryCodes.set(codes);
    void this.announcer.announce(announcement, 'polite');
    this.focusNext();
  }

  /** Moves focus to the heading of the step that just appeared. */
  private focusNext(): void {
    afterNextRender(() => this.focusTarget()?.nativeElement.focus(), { injector: this.injector });
  }

  /** Runs one request with the pending flag and a plain-language message on failure. */
  private async send<T>(request: () => Promise<T>): Promise<T | null> {
    if (this.pending()) return null;
    this.pending.set(true);
    this.message.set('');
    try {
      return await request();
    } catch (error: unknown) {
      // StepUpCancelled: the user closed the code dialog; anything else is a failed request
      // the error link has logged.
      this.message.set(
        error instanceof StepUpCancelled
          ? 'Nothing was changed.'
          : "That didn't work. Check your connection and try again.",
      );
      return null;
    } finally {
      this.pending.set(false);
    }
  }
}
