import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { anonymousViewer, type Viewer } from '../../shared/auth/viewer';
import {
  seedCustomer,
  signIn,
  signInFully,
  startIdentityHarness,
  type IdentityHarness,
} from './identity-harness';

const admin: Viewer = {
  ...anonymousViewer('10.0.0.9', 'test-admin'),
  role: 'ADMIN',
  subjectId: 'admin-1',
  mfaVerifiedAt: new Date().toISOString(),
};

describe('erasure with identity wired in', () => {
  let h: IdentityHarness;

  before(async () => {
    h = await startIdentityHarness();
  });

  after(async () => {
    await h.stop();
  });

  it('exports the logins and sessions, then erasure ends the sessions and the login', async () => {
    const email = 'erin@installa.test';
    const password = 'a long enough passphrase 42';
    const { customerId } = await seedCustomer(h, email, password, { name: 'Erin Example' });
    const { token } = await signInFully(h, email, password);

    const exported = await h.server.execute<{ customer: { personalDataExport: string } }>(
      'query($id: ID!) { customer(id: $id) { personalDataExport } }',
      { id: customerId },
      admin,
    );
    assert.equal(exported.errors, undefined, JSON.stringify(exported.errors));
    const document = JSON.parse(exported.data!.customer.personalDataExport) as {
      logins: { sessions: { revokedAt: string | null }[] }[];
    };
    assert.equal(document.logins.length, 1);
    assert.equal(document.logins[0].sessions.length, 1);
    assert.ok(!JSON.stringify(document).includes(password));

    const erased = await h.server.execute<{ eraseCustomer: { __typename: string } }>(
      'mutation($input: EraseCustomerInput!) { eraseCustomer(input: $input) { __typename } }',
      { input: { customerId, reason: 'request by letter' } },
      admin,
    );
    assert.equal(erased.data?.eraseCustomer.__typename, 'CustomerErased', JSON.stringify(erased));

    const resolved = await h.lookup.bySessionToken(token, '198.51.100.7', 'test-agent');
    assert.ok(!('viewer' in resolved), 'the session still resolves after erasure');
    const again = await signIn(h, email, password);
    assert.notEqual(again.data?.signIn.__typename, 'SignedIn');
    assert.notEqual(again.data?.signIn.__typename, 'MfaRequired');
  });
});
