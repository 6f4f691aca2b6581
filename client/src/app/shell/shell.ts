import { BreakpointObserver } from '@angular/cdk/layout';
import { NgComponentOutlet } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  signal,
  Type,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { map } from 'rxjs';

import { Icon } from '../icons/icon';
import { Session } from '../session/session';
import { APP_NAME } from './page-title';

/** Below this width the navigation floats over the page instead of sitting beside it. */
export const NARROW_QUERY = '(max-width: 959.98px)';

/**
 * The page frame: skip link, `header` with the toolbar, a labelled navigation sidenav and the
 * one `main` landmark the routed pages render into.
 */
@Component({
  selector: 'app-shell',
  imports: [
    NgComponentOutlet,
    Icon,
    MatSidenavModule,
    MatToolbarModule,
    RouterLink,
    RouterLinkActive,
    RouterOutlet,
  ],
  templateUrl: './shell.html',
  styleUrl: './shell.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Shell {
  protected readonly appName = APP_NAME;
  protected readonly account = inject(Session).account;
  /**
   * The account menu component, imported once somebody is signed in: MatMenu and MatButton
   * would add ~40 kB to the initial bundle (and @defer's runtime another 8 kB).
   */
  protected readonly accountMenu = signal<Type<unknown> | null>(null);
  protected readonly isNarrow = toSignal(
    inject(BreakpointObserver)
      .observe(NARROW_QUERY)
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  /** Whether the user opened the floating navigation; the side navigation is always open. */
  private readonly overlayOpen = signal(false);
  protected readonly navOpen = computed(() => !this.isNarrow() || this.overlayOpen());

  constructor() {
    effect(() => {
      if (this.account() && !this.accountMenu()) {
        void import('./account-menu').then((m) => this.accountMenu.set(m.AccountMenu));
      }
    });
  }

  /** Mirrors closes by backdrop click or Escape; the side navigation never closes. */
  protected openedChange(open: boolean): void {
    if (this.isNarrow()) this.overlayOpen.set(open);
  }

  protected toggleNav(): void {
    this.overlayOpen.update((open) => !open);
  }

  /** Closes the floating navigation after a link is chosen, so the new page is visible. */
  protected navigated(): void {
    if (this.isNarrow()) this.overlayOpen.set(false);
  }

  /** Moves focus (not just scroll) to the main content, so the next Tab continues from there. */
  protected skipToMain(event: Event, main: HTMLElement): void {
    event.preventDefault();
    main.focus();
    main.scrollIntoView();
  }
}
