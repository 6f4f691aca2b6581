#!/usr/bin/env node
// `npm test`: every test of the project, in order: build (server with tsc, portal with ng build),
// server unit + integration + end-to-end specs (node's test runner over the compiled specs), then
// the portal's karma specs. Ends with one line: "all: N passed, N failed".
// DATABASE_URL / REDIS_URL select real PostgreSQL / Redis; without them everything is embedded.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const filter = process.argv.slice(2); // optional substrings to select spec files

function specFiles(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...specFiles(full));
    else if (/\.spec\.js$/.test(entry.name)) found.push(full);
  }
  return found.sort();
}

/** Runs a command, mirroring its output, and returns [exit code, captured output]. */
function run(command, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const forward = (stream, target) =>
      stream.on('data', (chunk) => {
        output += chunk;
        target.write(chunk);
      });
    forward(child.stdout, process.stdout);
    forward(child.stderr, process.stderr);
    child.on('exit', (code) => resolve([code ?? 1, output]));
  });
}

const counts = { passed: 0, failed: 0 };
const lastNumber = (output, pattern) => {
  const matches = [...output.matchAll(pattern)];
  return matches.length ? Number(matches.at(-1)[1]) : 0;
};

async function main() {
  process.stdout.write(
    `Testing with ${process.env.DATABASE_URL ? 'PostgreSQL from DATABASE_URL' : 'embedded PGlite'}` +
      ` and ${process.env.REDIS_URL ? 'Redis from REDIS_URL' : 'in-memory pub/sub'}\n`,
  );
  // house style: Prettier-formatted sources (counts as one test)
  let [code] = await run(bin('prettier'), ['--check', '--log-level', 'warn', '**/*.{ts,mjs,cjs}']);
  if (code === 0) counts.passed += 1;
  else counts.failed += 1;
  [code] = await run(bin('ng'), ['build', '--configuration', 'production']);
  if (code !== 0) return finish('portal build failed');
  [code] = await run(bin('tsc'), ['-p', 'tsconfig.server.json']);
  if (code !== 0) return finish('server build (tsc) failed');

  const distDir = path.join(root, 'dist');
  const files = ['subgraphs', 'gateway', 'scripts', 'client']
    .map((d) => path.join(distDir, d))
    .filter((d) => statSync(d, { throwIfNoEntry: false })?.isDirectory())
    .flatMap(specFiles)
    .filter((f) => filter.length === 0 || filter.some((s) => f.includes(s)));
  // system tests leave their logs and database findings here for the secret scan at the end
  const artifacts = mkdtempSync(path.join(tmpdir(), 'installa-test-artifacts-'));
  const [nodeCode, nodeOut] = await run(
    process.execPath,
    ['--enable-source-maps', '--test', '--test-reporter=spec', ...files],
    { INSTALLA_TEST_ARTIFACTS: artifacts },
  );
  counts.passed += lastNumber(nodeOut, /ℹ pass (\d+)/g);
  counts.failed += lastNumber(nodeOut, /ℹ fail (\d+)/g) + lastNumber(nodeOut, /ℹ cancelled (\d+)/g);
  if (nodeCode !== 0 && counts.failed === 0) counts.failed += 1;
  if (filter.length === 0) {
    // no secret, password, token, email or card number in any log line or plaintext column
    const [scanCode] = await run(process.execPath, [
      path.join(distDir, 'scripts', 'post-suite-scan.js'),
      artifacts,
    ]);
    if (scanCode === 0) counts.passed += 1;
    else counts.failed += 1;
  }
  rmSync(artifacts, { recursive: true, force: true });

  if (filter.length === 0) {
    const [karmaCode, karmaOut] = await run(bin('ng'), ['test', '--watch=false'], {
      CHROME_BIN: process.env.CHROME_BIN ?? '/usr/bin/chromium',
    });
    const executed = [...karmaOut.matchAll(/Executed (\d+) of (\d+)(?: \((\d+) FAILED\))?/g)].at(
      -1,
    );
    const total = executed ? Number(executed[1]) : 0;
    const failed = executed?.[3] ? Number(executed[3]) : 0;
    counts.passed += total - failed;
    counts.failed += failed + (karmaCode !== 0 && failed === 0 ? 1 : 0);
  }
  return finish();
}

function finish(reason) {
  if (reason) {
    process.stdout.write(`${reason}\n`);
    counts.failed += 1;
  }
  process.stdout.write(`\nall: ${counts.passed} passed, ${counts.failed} failed\n`);
  process.exit(counts.failed === 0 && counts.passed > 0 ? 0 : 1);
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
