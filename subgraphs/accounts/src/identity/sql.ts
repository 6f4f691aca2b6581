import type { EntityManager } from '@mikro-orm/postgresql';

/** `"schema"."table"` of this ORM's schema, for the few hand-written statements. */
export function qualifiedTableOf(em: EntityManager, table: string): string {
  const schema = em.config.get('schema') ?? 'public';
  return `"${schema.replace(/"/g, '')}"."${table.replace(/"/g, '')}"`;
}
