/**
 * `npm run keys:rotate`: re-encrypts every encrypted column of every subgraph whose values were
 * written with a key other than FIELD_ENCRYPTION_KEY_ID. Deploy the new key first (listed in
 * FIELD_ENCRYPTION_KEYS, active), run this, then drop the old key once it reports nothing left.
 * Batched, idempotent and restartable. Needs DATABASE_URL.
 */
import 'reflect-metadata';
import pino from 'pino';
import { commonEnv, fieldCipherFromConfig, parseEnv } from '../subgraphs/shared/config/env';
import { useFieldCipher } from '../subgraphs/shared/crypto/field-cipher';
import { rotateEncryptedColumns } from '../subgraphs/shared/crypto/key-rotation';
import { openOrm } from '../subgraphs/shared/db/orm';
import { subgraphOrmSpecs } from './subgraph-orms';

async function main(): Promise<void> {
  const config = parseEnv(commonEnv, process.env);
  const cipher = fieldCipherFromConfig(config);
  useFieldCipher(cipher);
  const logger = pino({ level: 'warn' });
  for (const [name, spec] of Object.entries(subgraphOrmSpecs)) {
    const orm = await openOrm({ ...spec, clientUrl: config.DATABASE_URL, poolMax: 2, logger });
    try {
      for (const r of await rotateEncryptedColumns(orm, cipher)) {
        process.stdout.write(`${name} ${r.table}.${r.column}: ${r.rotated} re-encrypted\n`);
      }
    } finally {
      await orm.close();
    }
  }
  process.stdout.write(`all values now use key ${cipher.activeKeyId}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `keys:rotate failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
