import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  inject,
  Injector,
  signal,
  viewChild,
} from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';

import { focusFirstInvalid } from '../forms/form-focus';
import { NewPasswordField } from '../forms/new-password-field';
import { PASSWORD_MIN_LENGTH } from '../forms/password-rules';
import { SIGN_UP } from './auth-queries';

/** "Create an account". The server may be closed to sign-ups (SignUpClosed) and says so. */
@Component({
  selector: 'app-sign-up',
  imports: [
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    NewPasswordField,
    ReactiveFormsModule,
    RouterLink,
  ],
  template: `
    <h1 #heading tabindex="-1">Create an account</h1>
    @if (accepted(); as accepted) {
      <p class="message" role="status">{{ accepted }}</p>
    } @else {
      <p class="message message-error" aria-live="polite">{{ error() }}</p>
      <form #formElement [formGroup]="form" (ngSubmit)="submit(formElement)" novalidate>
        <mat-form-field appearance="outline" class="field">
          <mat-label>Full name</mat-label>
          <input matInput formControlName="name" autocomplete="name" required />
          @if (form.controls.name.hasError('required')) {
            <mat-error>Enter your name.</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline" class="field">
          <mat-label>Email</mat-label>
          <input matInput type="email" formControlName="email" autocomplete="email" required />
          @if (form.controls.email.hasError('required')) {
            <mat-error>Enter your email address.</mat-error>
          } @else if (form.controls.email.hasError('email')) {
            <mat-error>Enter an email address like name&#64;example.com.</mat-error>
          }
        </mat-form-field>
        <app-new-password-field
          label="Password"
          [control]="form.controls.password"
          [serverReasons]="reasons()"
        />
        <div class="actions">
          <button matButton="filled" type="submit" [disabled]="pending()" disabledInteractive>
            Create account
          </button>
        </div>
      </form>
    }
    <div class="links">
      <p>Already have an account? <a routerLink="/sign-in">Sign in</a></p>
    </div>
  `,
  styleUrl: '../forms/forms.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignUp {
  private readonly apollo = inject(Apollo);
  private readonly injector = inject(Injector);
  private readonly heading = viewChild.required<ElementRef<HTMLElement>>('heading');

  protected readonly form = inject(FormBuilder).nonNullable.group({
    name: ['', Validators.required],
    email: ['', [Validators.required, Validators.email]],
    password: ['', [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH)]],
  });
  protected readonly pending = signal(false);
  protected readonly error = signal('');
  protected readonly reasons = signal<readonly string[]>([]);
  protected readonly accepted = signal<string | null>(null);

  protected async submit(formElement: HTMLElement): Promise<void> {
    if (this.pending()) return;
    this.form.markAllAsTouched();
    if (focusFirstInvalid(formElement)) return;
    this.pending.set(true);
    this.error.set('');
    this.reasons.set([]);
    try {
      const { data } = await firstValueFrom(
        this.apollo.mutate({ mutation: SIGN_UP, variables: { input: this.form.getRawValue() } }),
      );
      const answer = data?.signUp;
      if (answer?.__typename === 'SignUpAccepted') {
        this.accepted.set(answer.message);
        afterNextRender(() => this.heading().nativeElement.focus(), { injector: this.injector });
        return;
      }
      if (answer?.__typename === 'PasswordRejected') this.reasons.set(answer.reasons);
      if (answer) this.error.set(answer.message);
    } catch {
      // Network or gateway failure, logged by the error link; the form keeps what was typed.
      this.error.set("We couldn't reach Installa. Check your connection and try again.");
    } finally {
      this.pending.set(false);
    }
  }
}
