import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

import { ICON_PATHS, IconName } from './icon-paths';

/**
 * A decorative inline SVG icon, `<app-icon name="menu" />`. Always hidden from assistive
 * technology: the control it sits in must carry the accessible name.
 */
@Component({
  selector: 'app-icon',
  template: `
    <svg viewBox="0 -960 960 960" focusable="false" aria-hidden="true">
      <path [attr.d]="path()" />
    </svg>
  `,
  styles: `
    :host {
      display: inline-flex;
      width: var(--app-icon-size, 24px);
      height: var(--app-icon-size, 24px);
      flex-shrink: 0;
      vertical-align: middle;
    }
    svg {
      width: 100%;
      height: 100%;
      fill: currentColor;
    }
  `,
  host: { 'aria-hidden': 'true' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Icon {
  readonly name = input.required<IconName>();
  protected readonly path = computed(() => ICON_PATHS[this.name()]);
}
