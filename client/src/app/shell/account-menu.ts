import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatMenuModule } from '@angular/material/menu';
import { RouterLink } from '@angular/router';

import { Session } from '../session/session';

/**
 * The signed-in account's menu in the toolbar: name, Security, Privacy, Sign out.
 * Rendered with @defer by the shell, so MatMenu stays out of the initial bundle.
 */
@Component({
  selector: 'app-account-menu',
  imports: [MatButtonModule, MatMenuModule, RouterLink],
  template: `
    <button matButton class="account-button" type="button" [matMenuTriggerFor]="menu">
      <span class="visually-hidden">Account menu for </span>{{ name() }}
    </button>
    <mat-menu #menu="matMenu" xPosition="before">
      <a mat-menu-item routerLink="/account/security">Security</a>
      <a mat-menu-item routerLink="/account/privacy">Privacy and your data</a>
      <button mat-menu-item type="button" (click)="signOut()">Sign out</button>
    </mat-menu>
  `,
  styles: `
    .account-button {
      color: inherit;
      max-width: 40vw;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AccountMenu {
  /** The signed-in account's display name. */
  readonly name = input.required<string>();

  private readonly session = inject(Session);

  protected signOut(): void {
    void this.session.signOut();
  }
}
