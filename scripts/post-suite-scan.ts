/**
 * The last check of `npm test`: no secret, password, token, email or card number in any log line
 * of any system the suite started, nor in any unencrypted column of their databases (each system
 * fixture scans its database when it stops and leaves the findings beside its logs).
 * `node dist/scripts/post-suite-scan.js <artifacts dir>`; exits 1 on any finding, and when no
 * system was scanned at all (a check that saw nothing proves nothing).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { scanLogDirectory, type Finding } from './secret-scan';

export interface SuiteScan {
  systems: number;
  logLines: number;
  findings: Finding[];
}

export function scanArtifacts(root: string): SuiteScan {
  const systems = readdirSync(root)
    .map((name) => path.join(root, name))
    .filter((dir) => existsSync(path.join(dir, 'database-findings.json')));
  const findings: Finding[] = [];
  let logLines = 0;
  for (const dir of systems) {
    const known = readFileSync(path.join(dir, 'known-secrets.txt'), 'utf8')
      .split('\n')
      .filter(Boolean);
    findings.push(
      ...(JSON.parse(readFileSync(path.join(dir, 'database-findings.json'), 'utf8')) as Finding[]),
    );
    findings.push(...scanLogDirectory(path.join(dir, 'logs'), known));
    for (const file of readdirSync(path.join(dir, 'logs')))
      logLines += readFileSync(path.join(dir, 'logs', file), 'utf8').split('\n').length;
  }
  return { systems: systems.length, logLines, findings };
}

if (require.main === module) {
  const root = process.argv[2];
  if (!root) throw new Error('usage: post-suite-scan <artifacts dir>');
  const scan = scanArtifacts(root);
  for (const f of scan.findings) process.stdout.write(`  ${f.kind}\t${f.where}\t${f.excerpt}\n`);
  process.stdout.write(
    `secret scan: ${scan.systems} system(s), ${scan.logLines} log lines and their databases: ` +
      `${scan.findings.length} finding(s)\n`,
  );
  process.exitCode = scan.findings.length > 0 || scan.systems === 0 ? 1 : 0;
}
