import { inject, Injectable } from '@angular/core';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';

import { SIGN_OUT } from '../auth/auth-queries';
import { SessionGateway } from './session';

/** Session calls over the portal's GraphQL client; connected to Session by provideGraphQL. */
@Injectable()
export class ApolloSessionGateway implements SessionGateway {
  private readonly apollo = inject(Apollo);

  async signOut(): Promise<void> {
    try {
      await firstValueFrom(this.apollo.mutate({ mutation: SIGN_OUT }));
    } finally {
      // Whatever the server said, nothing of this account may stay in memory for the next one.
      await this.apollo.client.clearStore();
    }
  }
}
