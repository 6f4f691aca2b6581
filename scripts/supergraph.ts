import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { printSubgraphSchema } from '@apollo/subgraph';
import { composeServices } from '@theguild/federation-composition';
import {
  buildSchema,
  isObjectType,
  isInterfaceType,
  isEnumType,
  isInputObjectType,
  parse,
  type GraphQLSchema,
} from 'graphql';
import { buildAccountsSchema } from '../subgraphs/accounts/src/schema';
import { buildSchedulesSchema } from '../subgraphs/schedules/src/schema';
import { buildPaymentsSchema } from '../subgraphs/payments/src/schema';
import { createAppPubSub } from '../subgraphs/shared/events/pubsub';

export const ROOT = path.resolve(__dirname, '..').replace(/[\\/]dist$/, '');
export const SCHEMA_DIR = path.join(ROOT, 'schema');

/** Composition as data: each subgraph, its default URL and how to print its SDL. */
export const SUBGRAPHS = [
  { name: 'accounts', url: 'http://127.0.0.1:4001/graphql', build: () => buildAccountsSchema() },
  {
    name: 'schedules',
    url: 'http://127.0.0.1:4002/graphql',
    build: () => buildSchedulesSchema(createAppPubSub().pubSub),
  },
  { name: 'payments', url: 'http://127.0.0.1:4003/graphql', build: () => buildPaymentsSchema() },
] as const;

export interface ComposedFiles {
  /** File name (relative to schema/) → contents. */
  files: Record<string, string>;
  errors: string[];
}

/** Prints every subgraph's SDL and composes the supergraph; nothing is written. */
export async function composeSupergraph(): Promise<ComposedFiles> {
  const files: Record<string, string> = {};
  const services = [];
  for (const subgraph of SUBGRAPHS) {
    const sdl = printSubgraphSchema(await subgraph.build());
    files[`${subgraph.name}.graphql`] = `${sdl.trim()}\n`;
    services.push({ name: subgraph.name, url: subgraph.url, typeDefs: parse(sdl) });
  }
  const result = composeServices(services);
  if (result.errors) return { files, errors: result.errors.map((e) => e.message) };
  files['supergraph.graphql'] = `${result.supergraphSdl.trim()}\n`;
  files['public.graphql'] = `${result.publicSdl.trim()}\n`;
  return { files, errors: [] };
}

/**
 * Our own composition hints (The Guild's composer reports errors only): every public type, field,
 * argument and enum value must carry a description, so GraphiQL explains the schema by itself.
 */
export function missingDescriptions(publicSdl: string): string[] {
  const schema: GraphQLSchema = buildSchema(publicSdl);
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (
      type.name.startsWith('__') ||
      ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)
    )
      continue;
    const isRoot = ['Query', 'Mutation', 'Subscription'].includes(type.name);
    if (!isRoot && !type.description) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!field.description) missing.push(`${type.name}.${field.name}`);
        if ('args' in field)
          for (const arg of field.args)
            if (!arg.description && !['id', 'input'].includes(arg.name))
              missing.push(`${type.name}.${field.name}(${arg.name})`);
      }
    }
    if (isEnumType(type))
      for (const v of type.getValues()) if (!v.description) missing.push(`${type.name}.${v.name}`);
  }
  return missing;
}

/** The committed file, or undefined when it does not exist. */
export function committed(name: string): string | undefined {
  try {
    return readFileSync(path.join(SCHEMA_DIR, name), 'utf8');
  } catch {
    return undefined; // a missing file simply counts as different
  }
}
