#!/usr/bin/env node
// Runs a TypeScript entry point without a build step, keeping decorator metadata
// (tsx/esbuild drops it: STACK.md trap 1). Usage: node scripts/run-ts.mjs file.ts [args...]
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  process.stderr.write('usage: run-ts.mjs <file.ts> [args...]\n');
  process.exit(2);
}
const child = spawn(
  process.execPath,
  ['--enable-source-maps', '--require', '@swc-node/register', path.resolve(root, entry), ...args],
  {
    stdio: 'inherit',
    env: { ...process.env, SWC_NODE_PROJECT: path.join(root, 'tsconfig.server.json') },
  },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
