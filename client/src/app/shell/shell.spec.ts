import { BreakpointObserver, BreakpointState } from '@angular/cdk/layout';
import { ComponentHarness, HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { Component, provideZonelessChangeDetection } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatMenuHarness } from '@angular/material/menu/testing';
import { MatSidenavHarness } from '@angular/material/sidenav/testing';
import { Title } from '@angular/platform-browser';
import { provideRouter, Router, TitleStrategy } from '@angular/router';
import { of } from 'rxjs';

import { Session } from '../session/session';
import { axeViolations } from '../testing/axe';
import { PageTitle } from './page-title';
import { Shell } from './shell';

@Component({ template: '<h1>My plans</h1><p>Plan cards go here.</p>' })
class FakePlansPage {}

/** The shell's own controls; Material parts are driven through their harnesses. */
class ShellHarness extends ComponentHarness {
  static hostSelector = 'app-shell';
  readonly skipLink = this.locatorFor('a.skip-link');
  readonly menuButton = this.locatorForOptional('header button');
  readonly navLink = this.locatorFor('nav a');
}

describe('Shell', () => {
  let fixture: ComponentFixture<Shell>;
  let loader: HarnessLoader;
  let shell: ShellHarness;

  async function render(isNarrow: boolean): Promise<void> {
    const state: BreakpointState = { matches: isNarrow, breakpoints: {} };
    TestBed.configureTestingModule({
      imports: [Shell],
      providers: [
        provideZonelessChangeDetection(),
        provideRouter([{ path: 'plans', title: 'My plans', component: FakePlansPage }]),
        { provide: TitleStrategy, useClass: PageTitle },
        { provide: BreakpointObserver, useValue: { observe: () => of(state) } },
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    fixture = TestBed.createComponent(Shell);
    loader = TestbedHarnessEnvironment.loader(fixture);
    shell = await TestbedHarnessEnvironment.harnessForFixture(fixture, ShellHarness);
    await TestBed.inject(Router).navigateByUrl('/plans');
    await fixture.whenStable();
  }

  describe('on wide screens', () => {
    beforeEach(() => render(false));

    it('starts with a skip link that moves focus to main#main-content', async () => {
      const element: HTMLElement = fixture.nativeElement;
      const firstFocusable = element.querySelector('a[href], button');
      expect(firstFocusable?.textContent?.trim()).toBe('Skip to main content');
      expect(await (await shell.skipLink()).getAttribute('href')).toBe('#main-content');

      await (await shell.skipLink()).click();
      expect(document.activeElement).toBe(element.querySelector('main#main-content'));
    });

    it('has one header, one main and one labelled navigation landmark', () => {
      const element: HTMLElement = fixture.nativeElement;
      expect(element.querySelectorAll('header').length).toBe(1);
      expect(element.querySelector('header mat-toolbar')).not.toBeNull();
      expect(element.querySelectorAll('main').length).toBe(1);
      const navs = element.querySelectorAll('nav, [role="navigation"]');
      expect(navs.length).toBe(1);
      expect(navs[0].getAttribute('aria-label')).toBe('Main');
    });

    it('keeps the navigation open beside the page without a menu button', async () => {
      const sidenav = await loader.getHarness(MatSidenavHarness);
      expect(await sidenav.getMode()).toBe('side');
      expect(await sidenav.isOpen()).toBeTrue();
      expect(await shell.menuButton()).toBeNull();
    });

    it('marks the current page link and titles the page', async () => {
      expect(await (await shell.navLink()).getAttribute('aria-current')).toBe('page');
      expect(TestBed.inject(Title).getTitle()).toBe('My plans · Installa');
    });

    it('has no axe violations', async () => {
      expect(await axeViolations(fixture.nativeElement)).toEqual([]);
    });
  });

  describe('when signed in', () => {
    beforeEach(async () => {
      await render(false);
      TestBed.inject(Session).signedIn({ id: 'c1', name: 'Dana Demo', role: 'CUSTOMER' });
    });

    async function accountMenu(): Promise<MatMenuHarness> {
      for (let tries = 0; tries < 100; tries++) {
        await fixture.whenStable();
        const menu = await loader.getHarnessOrNull(MatMenuHarness);
        if (menu) return menu;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error('The account menu did not appear');
    }

    it("shows an account menu with the user's name, Security, Privacy and Sign out", async () => {
      const menu = await accountMenu();
      expect(await menu.getTriggerText()).toBe('Account menu for Dana Demo');
      await menu.open();
      const items = await menu.getItems();
      expect(await Promise.all(items.map((item) => item.getText()))).toEqual([
        'Security',
        'Privacy and your data',
        'Sign out',
      ]);
      expect(await axeViolations(fixture.nativeElement)).toEqual([]);
      // The open menu lives in the overlay container outside every landmark, as any popup
      // menu does; `region` is a page-level best practice that a popup cannot meet.
      const overlay = document.querySelector('.cdk-overlay-container')!;
      expect(await axeViolations(overlay, ['region'])).toEqual([]);
      await menu.close();
    });

    it('signs out from the menu', async () => {
      const signOut = spyOn(TestBed.inject(Session), 'signOut').and.resolveTo();
      const menu = await accountMenu();
      await menu.clickItem({ text: 'Sign out' });

      expect(signOut).toHaveBeenCalled();
    });
  });

  describe('on narrow screens', () => {
    beforeEach(() => render(true));

    it('opens the navigation over the page from the menu button', async () => {
      const sidenav = await loader.getHarness(MatSidenavHarness);
      expect(await sidenav.getMode()).toBe('over');
      expect(await sidenav.isOpen()).toBeFalse();

      const menu = await shell.menuButton();
      expect(await menu?.getAttribute('aria-expanded')).toBe('false');
      await menu?.click();

      expect(await sidenav.isOpen()).toBeTrue();
      expect(await menu?.getAttribute('aria-expanded')).toBe('true');
    });

    it('closes the navigation after a link is chosen', async () => {
      await (await shell.menuButton())?.click();
      await (await shell.navLink()).click();
      await fixture.whenStable();

      expect(await (await loader.getHarness(MatSidenavHarness)).isOpen()).toBeFalse();
    });

    it('has no axe violations with the navigation open', async () => {
      await (await shell.menuButton())?.click();
      await fixture.whenStable();

      expect(await axeViolations(fixture.nativeElement)).toEqual([]);
    });
  });
});
