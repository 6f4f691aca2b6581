import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, ROOT } from '../system';
import { DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD, DEMO_EMAIL, DEMO_PASSWORD_HINT } from '../seed';
import { signInThroughGateway } from '../../gateway/test/system-fixture';

/** Four consecutive free ports (gateway + three subgraphs), as `npm start` uses them. */
async function freePortBlock(): Promise<number> {
  for (;;) {
    const base = await freePort();
    if (base > 65000) continue;
    const rest = await Promise.all(
      [1, 2, 3].map(async (i) => {
        const probe = await import('node:net');
        return new Promise<boolean>((resolve) => {
          const server = probe.createServer().once('error', () => resolve(false));
          server.listen(base + i, '127.0.0.1', () => server.close(() => resolve(true)));
        });
      }),
    );
    if (rest.every(Boolean)) return base;
  }
}

/** Runs the compiled `npm start` entry until it prints its line; returns the line and the process. */
function start(dataDir: string, port: number) {
  const env: NodeJS.ProcessEnv = { ...process.env, INSTALLA_DATA_DIR: dataDir, PORT: String(port) };
  delete env.DATABASE_URL; // the embedded path is what a fresh machine gets
  delete env.REDIS_URL;
  const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'scripts', 'start-system.js')], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const line = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Installa is running')) resolve(output);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`npm start exited with ${code}: ${output}`)));
  });
  return { child, line };
}

const descendants = (pid: number): string => {
  try {
    return execFileSync('pgrep', ['-P', String(pid)])
      .toString()
      .trim();
  } catch {
    return ''; // pgrep exits 1 when there are none
  }
};

describe('npm start (embedded PostgreSQL)', { timeout: 300_000 }, () => {
  it('serves the portal and GraphiQL, stops every process on Ctrl-C, and reuses its data the second time', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'installa-start-'));
    const port = await freePortBlock();
    const first = start(dataDir, port);
    const printed = await first.line;
    assert.match(
      printed,
      new RegExp(
        `portal http://127\\.0\\.0\\.1:${port}/ .*GraphiQL http://127\\.0\\.0\\.1:${port}/graphiql`,
      ),
    );
    assert.match(printed, /demo@installa\.test \/ demo-password-123;.* \(seeded now\)/);
    const totp = /admin@installa\.test \/ admin-password-123, TOTP secret ([A-Z2-7]{16,})/.exec(
      printed,
    )?.[1];
    assert.ok(totp, `the admin's TOTP secret is printed: ${printed}`);
    // the printed secret is the one the admin enrolled: it signs in with MFA
    await signInThroughGateway(
      `http://127.0.0.1:${port}`,
      DEMO_ADMIN_EMAIL,
      DEMO_ADMIN_PASSWORD,
      totp,
    );
    const portal = await fetch(`http://127.0.0.1:${port}/plans`, {
      headers: { accept: 'text/html' },
    });
    assert.equal(portal.status, 200);
    assert.match(await portal.text(), /<app-root|<html/);
    assert.equal((await fetch(`http://127.0.0.1:${port}/graphiql`)).status, 200);
    const children = descendants(first.child.pid as number);
    assert.ok(children.length > 0, 'the services run as child processes');
    first.child.kill('SIGINT');
    await new Promise((resolve) => first.child.once('exit', resolve));
    for (const pid of children.split('\n')) {
      assert.throws(() => process.kill(Number(pid), 0), 'a service outlived npm start');
    }

    const second = start(dataDir, port);
    const again = await second.line;
    assert.doesNotMatch(again, /seeded now/);
    const cookie = await signInThroughGateway(
      `http://127.0.0.1:${port}`,
      DEMO_EMAIL,
      DEMO_PASSWORD_HINT,
    );
    const body = (await (
      await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({ query: '{ me { ... on Customer { plans { id } } } }' }),
      })
    ).json()) as { data: { me: { plans: unknown[] } } };
    assert.equal(
      body.data.me.plans.length,
      3,
      'the demo data from the first run is still there, once',
    );
    second.child.kill('SIGTERM');
    await new Promise((resolve) => second.child.once('exit', resolve));
  });
});
