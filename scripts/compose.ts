/**
 * `npm run compose`: prints each subgraph's SDL into schema/ and composes schema/supergraph.graphql.
 * `--check`: writes nothing and exits 1 when a committed file differs (CI's drift check).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { committed, composeSupergraph, SCHEMA_DIR } from './supergraph';

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const { files, errors } = await composeSupergraph();
  if (errors.length > 0) {
    process.stderr.write(`composition failed:\n${errors.map((e) => `  - ${e}`).join('\n')}\n`);
    process.exit(1);
  }
  const stale = Object.keys(files).filter((name) => committed(name) !== files[name]);
  if (check) {
    if (stale.length > 0) {
      process.stderr.write(
        `schema/ is stale (${stale.join(', ')}): run npm run compose and commit\n`,
      );
      process.exit(1);
    }
    process.stdout.write('schema/ is up to date\n');
    return;
  }
  mkdirSync(SCHEMA_DIR, { recursive: true });
  for (const [name, contents] of Object.entries(files))
    writeFileSync(path.join(SCHEMA_DIR, name), contents);
  process.stdout.write(
    `wrote ${Object.keys(files).length} files to schema/ (${stale.length} changed)\n`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
