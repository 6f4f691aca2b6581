import { ChangeDetectionStrategy, Component } from '@angular/core';

import { Shell } from './shell/shell';

/** Root component: the shell owns the page layout and hosts the router outlet. */
@Component({
  selector: 'app-root',
  imports: [Shell],
  template: '<app-shell />',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class App {}
