import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isObjectType, isUnionType, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { anonymousViewer, customerViewer, type ApiScope, type Viewer } from '../auth/viewer';
import type { SingleResult } from '../server/subgraph-server';

/** What one viewer gets from one operation in an authorization (IDOR) matrix. */
export type Outcome = 'DATA' | 'FORBIDDEN' | 'UNAUTHENTICATED';

/** The viewers every matrix covers. */
export const MATRIX_VIEWERS = [
  'anonymous',
  'customerA',
  'customerB',
  'agent',
  'auditor',
  'admin',
  'serviceWithScope',
  'serviceWithoutScope',
] as const;
export type MatrixViewer = (typeof MATRIX_VIEWERS)[number];
export type Expectations = Record<MatrixViewer, Outcome>;

const D = 'DATA';
const F = 'FORBIDDEN';
const U = 'UNAUTHENTICATED';

/** Reads of customer A's data: A, staff and keys with the scope see it; B and other keys do not. */
export const OWNER_READ: Expectations = {
  anonymous: U,
  customerA: D,
  customerB: F,
  agent: D,
  auditor: D,
  admin: D,
  serviceWithScope: D,
  serviceWithoutScope: F,
};
/** No data of anyone: every signed-in viewer. */
export const SIGNED_IN: Expectations = { ...OWNER_READ, customerB: D, serviceWithoutScope: D };
/** Servicing changes: agents and admins only (auditors are read-only, customers and keys never). */
export const STAFF_WRITE: Expectations = {
  ...OWNER_READ,
  customerA: F,
  auditor: F,
  serviceWithScope: F,
};
/** Staff reads of servicing work: agents, admins and auditors. */
export const STAFF_READ: Expectations = { ...STAFF_WRITE, auditor: D };

/** A staff member whose session passed MFA just now (step-up satisfied). */
export const staffViewer = (role: 'AGENT' | 'ADMIN' | 'AUDITOR', subjectId: string): Viewer => ({
  ...anonymousViewer('internal'),
  role,
  subjectId,
  sessionId: `session-${subjectId}`,
  mfaVerifiedAt: new Date().toISOString(),
});

/** An API key with `scopes`. */
export const serviceViewer = (scopes: ApiScope[], subjectId = 'api-key-1'): Viewer => ({
  ...anonymousViewer('internal'),
  role: 'SERVICE',
  subjectId,
  scopes,
});

/** The matrix viewers for customers A and B and the scopes a key needs (`scopes`) or lacks. */
export function matrixViewers(
  customerA: string,
  customerB: string,
  scopes: ApiScope[],
  otherScopes: ApiScope[],
): Record<MatrixViewer, Viewer> {
  return {
    anonymous: anonymousViewer('203.0.113.9'),
    customerA: customerViewer(customerA),
    customerB: customerViewer(customerB),
    agent: staffViewer('AGENT', 'agent-1'),
    auditor: staffViewer('AUDITOR', 'auditor-1'),
    admin: staffViewer('ADMIN', 'admin-1'),
    serviceWithScope: serviceViewer(scopes),
    serviceWithoutScope: serviceViewer(otherScopes, 'api-key-2'),
  };
}

/**
 * The outcome of a result: the code of its first error when there is one (anything else than
 * FORBIDDEN or UNAUTHENTICATED is returned as is, so the assertion shows it), DATA otherwise.
 */
export function outcomeOf(result: SingleResult<unknown>): string {
  const code = result.errors?.[0]?.extensions?.code;
  if (code) return String(code);
  return result.data ? D : 'NO_DATA';
}

/**
 * Every operation of a subgraph that must be authorized, so a matrix can be checked for
 * completeness: root fields (`Query.plan`, `Mutation.x`, `Subscription.y`), one `_entities.<Type>`
 * per entity, and each type-graphql @FieldResolver of the schema (`Customer.plans`), the fields
 * that load data beyond their parent.
 */
export function operationsToAuthorize(schema: GraphQLSchema): string[] {
  const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()];
  const rootFields = roots
    .filter((t): t is GraphQLObjectType => Boolean(t))
    .flatMap((t) => Object.keys(t.getFields()).map((f) => `${t.name}.${f}`))
    .filter((name) => name !== 'Query._service' && name !== 'Query._entities');
  const entityUnion = schema.getType('_Entity');
  const entities = isUnionType(entityUnion)
    ? entityUnion.getTypes().map((t) => `_entities.${t.name}`)
    : [];
  const storage = getMetadataStorage();
  const fieldResolvers = storage.fieldResolvers
    .filter((r) => r.kind === 'external')
    .map((r) => {
      const target = r.resolverClassMetadata?.getObjectType();
      const typeName = storage.objectTypes.find((o) => o.target === target)?.name;
      return { typeName, field: r.schemaName };
    })
    .filter(({ typeName, field }) => {
      const type = typeName ? schema.getType(typeName) : undefined;
      return isObjectType(type) && field in type.getFields();
    })
    .map(({ typeName, field }) => `${typeName}.${field}`);
  return [...new Set([...rootFields, ...entities, ...fieldResolvers])].sort();
}

/** One operation of the matrix: how to run it as a viewer, and what each viewer must get. */
export interface MatrixRow {
  key: string;
  expect: Expectations;
  run: (viewer: Viewer) => Promise<SingleResult<unknown>>;
}

/**
 * Declares the IDOR matrix of a subgraph: one test that the rows cover exactly the operations the
 * schema has (a new operation without a row fails), and one test per row running it as every
 * viewer. `rows` is called again inside each test: the ids they use are seeded after declaration.
 */
export function describeAuthorizationMatrix(
  rows: () => MatrixRow[],
  viewers: Record<MatrixViewer, Viewer>,
  schema: () => Promise<GraphQLSchema>,
): void {
  it('has a matrix row for every operation of the schema, and no row for anything else', async () => {
    const keys = rows()
      .map((r) => r.key)
      .sort();
    assert.deepEqual(keys, operationsToAuthorize(await schema()));
  });

  describe('IDOR matrix: every operation × every viewer', () => {
    for (const row of rows()) {
      it(`${row.key}: ${MATRIX_VIEWERS.map((v) => `${v} ${row.expect[v]}`).join(', ')}`, async () => {
        const current = rows().find((r) => r.key === row.key)!;
        const actual: Record<string, string> = {};
        for (const viewer of MATRIX_VIEWERS)
          actual[viewer] = outcomeOf(await current.run(viewers[viewer]));
        assert.deepEqual(actual, current.expect);
      });
    }
  });
}
