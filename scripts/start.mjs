#!/usr/bin/env node
// `npm start`: build what is missing or stale (server with incremental tsc, portal with ng build),
// then run the compiled system. Plain JS so it needs nothing compiled to run.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, statSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

function run(command, args, label) {
  process.stdout.write(`${label}...\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run(bin('tsc'), ['-p', 'tsconfig.server.json'], 'Building server');
const portalIndex = path.join(root, 'dist', 'portal', 'browser', 'index.html');
const clientDir = path.join(root, 'client', 'src');
if (
  existsSync(clientDir) &&
  (!existsSync(portalIndex) || newest(clientDir) > statSync(portalIndex).mtimeMs)
) {
  run(bin('ng'), ['build', '--configuration', 'production'], 'Building portal');
}
const child = spawn(
  process.execPath,
  ['--enable-source-maps', path.join(root, 'dist', 'scripts', 'start-system.js')],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
