import type { MikroORM } from '@mikro-orm/postgresql';
import { EncryptedStringType } from './encrypted-string.type';
import { fieldCipher, type FieldCipher } from './field-cipher';

/** One encrypted column, found from entity metadata. */
export interface EncryptedColumn {
  /** `"schema"."table"`. */
  table: string;
  column: string;
  primaryKey: string;
  /** Additional data the values are bound to (EncryptedStringType's column name). */
  boundTo: string;
}

export interface RotationResult {
  table: string;
  column: string;
  rotated: number;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Every column of every entity of `orm` that uses EncryptedStringType. */
export function encryptedColumns(orm: MikroORM): EncryptedColumn[] {
  const defaultSchema = orm.config.get('schema') ?? 'public';
  return Object.values(orm.getMetadata().getAll()).flatMap((meta) => {
    if (meta.embeddable || meta.virtual || meta.primaryKeys.length !== 1) return [];
    const pk = meta.properties[meta.primaryKeys[0]].fieldNames[0];
    return Object.values(meta.properties)
      .filter((prop) => prop.customType instanceof EncryptedStringType)
      .map((prop) => ({
        table: `${quote(meta.schema ?? defaultSchema)}.${quote(meta.tableName)}`,
        column: prop.fieldNames[0],
        primaryKey: pk,
        boundTo: (prop.customType as EncryptedStringType).column,
      }));
  });
}

/**
 * Re-encrypts with the active key every value written with another key, `batchSize` rows per
 * transaction. Each update is compare-and-set on the old value, so a concurrent write wins and
 * the loop simply looks again; stopping and re-running resumes where it was (idempotent).
 */
export async function rotateEncryptedColumns(
  orm: MikroORM,
  cipher: FieldCipher = fieldCipher(),
  batchSize = 500,
): Promise<RotationResult[]> {
  const results: RotationResult[] = [];
  const connection = orm.em.getConnection();
  for (const target of encryptedColumns(orm)) {
    const column = quote(target.column);
    const pk = quote(target.primaryKey);
    let rotated = 0;
    for (;;) {
      const changed = await connection.transactional(async (trx) => {
        const rows = await connection.execute<{ id: string; value: string }[]>(
          `select ${pk}::text as id, ${column} as value from ${target.table} ` +
            `where ${column} is not null and ${column} not like ? order by ${pk} limit ? ` +
            `for update skip locked`,
          [`${cipher.activePrefix}%`, batchSize],
          'all',
          trx,
        );
        for (const row of rows) {
          const fresh = cipher.encrypt(cipher.decrypt(row.value, target.boundTo), target.boundTo);
          await connection.execute(
            `update ${target.table} set ${column} = ? where ${pk} = ? and ${column} = ?`,
            [fresh, row.id, row.value],
            'run',
            trx,
          );
        }
        return rows.length;
      });
      rotated += changed;
      if (changed === 0) break;
    }
    results.push({ table: target.table, column: target.column, rotated });
  }
  return results;
}
