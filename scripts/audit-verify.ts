/**
 * `npm run audit:verify`: checks the hash chain of every subgraph's audit trail (accounts,
 * schedules, payments, where the table exists). Prints one line per schema; exits 1 naming the
 * first broken entry when any chain was altered. Needs DATABASE_URL.
 */
import pg from 'pg';
import { hasAuditTrail, verifyAuditTrail } from '../subgraphs/shared/audit/audit-verify';
import type { ChainVerification } from '../subgraphs/shared/audit/audit-chain';
import { subgraphOrmSpecs } from './subgraph-orms';

/** Verifies each schema's chain; `null` where a schema has no audit trail. */
export async function verifyAllAuditTrails(
  databaseUrl: string,
  schemas: string[] = Object.values(subgraphOrmSpecs).map((s) => s.schema),
): Promise<Record<string, ChainVerification | null>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const results: Record<string, ChainVerification | null> = {};
    for (const schema of schemas)
      results[schema] = (await hasAuditTrail(client, schema))
        ? await verifyAuditTrail(client, schema)
        : null;
    return results;
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('set DATABASE_URL');
  let broken = false;
  for (const [schema, result] of Object.entries(await verifyAllAuditTrails(url))) {
    if (!result) process.stdout.write(`${schema}: no audit trail\n`);
    else if (result.firstBrokenSeq === null)
      process.stdout.write(`${schema}: ${result.entries} entries, chain intact\n`);
    else {
      broken = true;
      process.stdout.write(
        `${schema}: BROKEN at seq ${result.firstBrokenSeq} (${result.reason}); ` +
          `${result.entries} entries before it are intact\n`,
      );
    }
  }
  process.exitCode = broken ? 1 : 0;
}

if (require.main === module)
  main().catch((error: unknown) => {
    process.stderr.write(
      `audit:verify failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(2);
  });
