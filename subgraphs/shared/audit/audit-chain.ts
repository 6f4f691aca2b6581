import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** `prevHash` of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The hashed content of one audit entry (everything but `hash`). */
export interface ChainedFields {
  seq: number;
  at: Date;
  actorRole: string | null;
  actorSubject: string | null;
  actorCustomer: string | null;
  ip: string;
  userAgent: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  prevHash: string;
}

/** SHA-256 (hex) over the canonical JSON of the entry, which includes the previous hash. */
export function entryHash(f: ChainedFields): string {
  // named one by one: an object that also carries `hash` (a stored row) hashes the same
  const content = canonicalJson({
    seq: f.seq,
    at: f.at.toISOString(),
    actorRole: f.actorRole,
    actorSubject: f.actorSubject,
    actorCustomer: f.actorCustomer,
    ip: f.ip,
    userAgent: f.userAgent,
    action: f.action,
    entityType: f.entityType,
    entityId: f.entityId,
    before: f.before,
    after: f.after,
    prevHash: f.prevHash,
  });
  return createHash('sha256').update(content, 'utf8').digest('hex');
}

/** The outcome of checking a chain: `firstBrokenSeq` is null when every entry checks out. */
export interface ChainVerification {
  entries: number;
  firstBrokenSeq: number | null;
  reason: string | null;
}

/**
 * Checks entries in `seq` order, page by page: positions 1, 2, 3… without gaps, each `prevHash`
 * the previous `hash`, each `hash` recomputed. Deleting the newest entries leaves a valid shorter
 * chain; compare the head with one kept elsewhere to catch that.
 */
export async function verifyChain(
  page: (afterSeq: number, limit: number) => Promise<(ChainedFields & { hash: string })[]>,
  pageSize = 1000,
): Promise<ChainVerification> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  for (;;) {
    const rows = await page(expectedSeq - 1, pageSize);
    for (const row of rows) {
      const broken = (reason: string): ChainVerification => ({
        entries: expectedSeq - 1,
        firstBrokenSeq: Math.min(row.seq, expectedSeq),
        reason,
      });
      if (row.seq !== expectedSeq) return broken(`entry ${expectedSeq} is missing`);
      if (row.prevHash !== prevHash) return broken('previous hash does not match');
      if (entryHash(row) !== row.hash) return broken('content does not match its hash');
      prevHash = row.hash;
      expectedSeq += 1;
    }
    if (rows.length < pageSize)
      return { entries: expectedSeq - 1, firstBrokenSeq: null, reason: null };
  }
}
