import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';

/** Any URL the portal does not know. */
@Component({
  selector: 'app-not-found',
  imports: [MatButtonModule, RouterLink],
  template: `
    <h1>Page not found</h1>
    <p>We couldn't find that page. It may have moved.</p>
    <a matButton="filled" routerLink="/plans">Go to my plans</a>
  `,
  styles: `
    h1 {
      font: var(--mat-sys-headline-medium);
      margin: 8px 0 24px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotFound {}
