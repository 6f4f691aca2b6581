/**
 * `npm run scan:secrets -- --logs <dir> --database <url> [--known <file>]`: looks for personal data
 * and secrets where they must never be: every line of every file under the log directory, and
 * every text, varchar and json(b) column of every table in the subgraph schemas. Reports email
 * addresses, card numbers (Luhn-valid), bearer tokens, `ik_` API keys and any known secret value
 * (session tokens, TOTP secrets: one per line in the --known file). Field ciphertexts
 * (`v1.<key>.<iv>.<ct>`) and hex digests are not findings. Exits 1 when anything is found.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { EMAIL_PATTERN, findCardNumbers } from '../subgraphs/shared/logging/sensitive-text';

export type FindingKind = 'email' | 'card' | 'bearer-token' | 'api-key' | 'known-secret';

export interface Finding {
  kind: FindingKind;
  /** `file:line` or `schema.table.column#rowId`. */
  where: string;
  /** The match, shortened so the report does not spread the secret further. */
  excerpt: string;
}

const CIPHERTEXT = /\bv1\.[\w-]{1,32}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+/g;
const HEX_DIGEST = /\b[0-9a-f]{40,128}\b/g;
const BEARER = /\bBearer\s+[A-Za-z0-9._~+/=-]{16,}/gi;
const API_KEY = /(?<![A-Za-z0-9])ik_[A-Za-z0-9_-]{16,}/g;
export const SUBGRAPH_SCHEMAS = ['accounts', 'schedules', 'payments'];

const shorten = (value: string) =>
  value.length <= 8 ? `${value.slice(0, 2)}…` : `${value.slice(0, 4)}…${value.slice(-2)}`;

/** Findings in one piece of text (`where` names it); `known` are exact secret values. */
export function scanText(text: string, where: string, known: readonly string[] = []): Finding[] {
  const cleaned = text.replace(CIPHERTEXT, ' ').replace(HEX_DIGEST, ' ');
  const found: Finding[] = [];
  const add = (kind: FindingKind, match: string) =>
    found.push({ kind, where, excerpt: shorten(match) });
  for (const m of cleaned.matchAll(EMAIL_PATTERN)) add('email', m[0]);
  for (const card of findCardNumbers(cleaned)) add('card', card);
  for (const m of cleaned.matchAll(BEARER)) add('bearer-token', m[0]);
  for (const m of cleaned.matchAll(API_KEY)) add('api-key', m[0]);
  for (const secret of known)
    if (secret.length >= 6 && text.includes(secret)) add('known-secret', secret);
  return found;
}

/** Scans every line of every file under `dir` (recursively). */
export function scanLogDirectory(dir: string, known: readonly string[] = []): Finding[] {
  const findings: Finding[] = [];
  for (const entry of readdirSync(dir)) {
    const file = path.join(dir, entry);
    if (statSync(file).isDirectory()) {
      findings.push(...scanLogDirectory(file, known));
      continue;
    }
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => findings.push(...scanText(line, `${file}:${i + 1}`, known)));
  }
  return findings;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Scans every text-like column of every table in `schemas`, `batchSize` rows at a time. */
export async function scanDatabase(
  databaseUrl: string,
  known: readonly string[] = [],
  schemas: readonly string[] = SUBGRAPH_SCHEMAS,
  batchSize = 1000,
): Promise<Finding[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows: columns } = await client.query<{ schema: string; table: string; column: string }>(
      `select c.table_schema as schema, c.table_name as table, c.column_name as column
         from information_schema.columns c
         join information_schema.tables t
           on t.table_schema = c.table_schema and t.table_name = c.table_name
        where c.table_schema = any($1) and t.table_type = 'BASE TABLE'
          and c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb')
        order by 1, 2, 3`,
      [schemas],
    );
    const findings: Finding[] = [];
    for (const { schema, table, column } of columns) {
      const source = `${quote(schema)}.${quote(table)}`;
      for (let offset = 0; ; offset += batchSize) {
        const { rows } = await client.query<{ row_id: string; value: string }>(
          `select ctid::text as row_id, ${quote(column)}::text as value from ${source}
            where ${quote(column)} is not null order by ctid limit $1 offset $2`,
          [batchSize, offset],
        );
        for (const row of rows)
          findings.push(
            ...scanText(row.value, `${schema}.${table}.${column}#${row.row_id}`, known),
          );
        if (rows.length < batchSize) break;
      }
    }
    return findings;
  } finally {
    await client.end();
  }
}

function argument(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const logs = argument(args, '--logs');
  const database = argument(args, '--database');
  const knownFile = argument(args, '--known');
  if (!logs && !database)
    throw new Error('usage: scan:secrets -- [--logs <dir>] [--database <url>] [--known <file>]');
  const known = knownFile
    ? readFileSync(knownFile, 'utf8')
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
    : [];
  const findings = [
    ...(logs ? scanLogDirectory(logs, known) : []),
    ...(database ? await scanDatabase(database, known) : []),
  ];
  for (const f of findings) process.stdout.write(`${f.kind}\t${f.where}\t${f.excerpt}\n`);
  process.stdout.write(`${findings.length} finding(s)\n`);
  process.exitCode = findings.length > 0 ? 1 : 0;
}

if (require.main === module)
  main().catch((error: unknown) => {
    process.stderr.write(
      `scan:secrets failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(2);
  });
