import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { committed, composeSupergraph, missingDescriptions } from '../supergraph';

describe('supergraph composition', () => {
  it('composes the three subgraphs without errors', async () => {
    const { errors, files } = await composeSupergraph();
    assert.deepEqual(errors, []);
    assert.ok(files['supergraph.graphql']?.includes('join__Graph'));
  });

  it('matches the committed schema/ files (run `npm run compose` after changing a subgraph)', async () => {
    const { files } = await composeSupergraph();
    for (const [name, contents] of Object.entries(files)) {
      assert.equal(
        committed(name),
        contents,
        `schema/${name} is stale: run npm run compose and commit it`,
      );
    }
  });

  it('gives every public type, field, argument and enum value a description (our composition hints)', async () => {
    const { files } = await composeSupergraph();
    assert.deepEqual(missingDescriptions(files['public.graphql']), []);
  });

  it('fails composition when two subgraphs disagree on a shared field (the check can fail)', () => {
    const a = parse(
      'extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key", "@shareable"]) type Query { a: Money } type Money @shareable { amount: String! }',
    );
    const b = parse(
      'extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key", "@shareable"]) type Query { b: Money } type Money @shareable { amount: Int! }',
    );
    const result = composeServices([
      { name: 'a', typeDefs: a, url: 'http://a' },
      { name: 'b', typeDefs: b, url: 'http://b' },
    ]);
    assert.ok(result.errors && result.errors.length > 0);
  });

  it('flags an undescribed field', () => {
    assert.deepEqual(
      missingDescriptions('"""Root""" type Query { """ok""" a: String b: String }'),
      ['Query.b'],
    );
  });

  it('exposes the names the outside world relies on', async () => {
    const { files } = await composeSupergraph();
    const sdl = files['public.graphql'];
    for (const needle of [
      'customer(id: ID!): Customer',
      'customers(',
      'plan(id: ID!): InstallmentPlan',
      'me: Account',
      'signIn(input: SignInInput!): SignInResult!',
      'verifyMfa(input: VerifyMfaInput!): VerifyMfaResult!',
      'signOut: Boolean!',
      'recordPayment(input: RecordPaymentInput!): RecordPaymentResult!',
      'planBalanceChanged(',
      'outstandingBalance: Money!',
      'scalar Decimal',
      'scalar LocalDate',
      'scalar DateTime',
    ])
      assert.ok(sdl.includes(needle), `public schema lacks ${needle}`);
  });
});
