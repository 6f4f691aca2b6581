import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { SystemFixture } from './system-fixture';

export type Body = {
  data?: unknown;
  errors?: { message: string; extensions?: { code?: string; reason?: string } }[];
};

export interface Sent {
  status: number;
  body: Body;
  headers: Headers;
}

/** POSTs one GraphQL request (JSON) to `<url>/graphql`. */
export async function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Sent> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: Body;
  try {
    parsed = JSON.parse(text) as Body;
  } catch {
    // some refusals (e.g. express' own 4xx pages) are not JSON: keep the text for the assertion
    parsed = { errors: [{ message: text }] };
  }
  return { status: response.status, body: parsed, headers: response.headers };
}

/**
 * Counts the GraphQL requests the subgraphs logged (one info line each), so a test can prove
 * a refused request never reached any of them.
 */
export function subgraphCounter(fx: SystemFixture) {
  const count = () =>
    ['accounts', 'schedules', 'payments']
      .map((name) => readFileSync(path.join(fx.logDir, `${name}.log`), 'utf8'))
      .join('\n')
      .split('\n')
      .filter((line) => line.includes('"graphql request"')).length;

  /** The count once log writes have settled (lines reach the files asynchronously, via pipes). */
  const settled = async () => {
    let previous = -1;
    for (let i = 0; i < 25; i += 1) {
      const now = count();
      if (now === previous) return now;
      previous = now;
      await new Promise((r) => setTimeout(r, 200));
    }
    return previous;
  };

  /** Asserts the attack is refused with an error matching `expected` and reached no subgraph. */
  const refused = async (send: () => Promise<Sent>, expected: RegExp): Promise<Sent> => {
    const before = await settled();
    const sent = await send();
    assert.ok(
      sent.status >= 400 || (sent.body.errors?.length ?? 0) > 0,
      `not refused: ${sent.status} ${JSON.stringify(sent.body)}`,
    );
    assert.match(JSON.stringify(sent.body.errors ?? sent.body), expected);
    assert.equal(sent.body.data ?? null, null);
    assert.equal(await settled(), before, 'a refused request reached a subgraph');
    return sent;
  };

  return { settled, refused };
}
