/**
 * Starts the whole system as separate processes (three subgraphs and the gateway) on one database:
 * PostgreSQL from DATABASE_URL, or PostgreSQL embedded in this process (PGlite). Used by `npm start`,
 * the end-to-end tests and the benchmarks. Runs the compiled JavaScript under dist/.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import {
  startEmbeddedPostgres,
  type EmbeddedPostgres,
} from '../subgraphs/shared/db/embedded-postgres';

export const ROOT = path.resolve(__dirname, '..').replace(/[\\/]dist$/, '');
const DIST = path.join(ROOT, 'dist');

export type ServiceName = 'accounts' | 'schedules' | 'payments' | 'gateway';
export const SUBGRAPH_NAMES = ['accounts', 'schedules', 'payments'] as const;

const MAIN: Record<ServiceName, string> = {
  accounts: 'subgraphs/accounts/src/main.js',
  schedules: 'subgraphs/schedules/src/main.js',
  payments: 'subgraphs/payments/src/main.js',
  gateway: 'gateway/src/main.js',
};

export interface SystemOptions {
  /** Real PostgreSQL; embedded PGlite when unset. */
  databaseUrl?: string;
  redisUrl?: string;
  /** PGlite data directory (kept between runs); in memory when unset. */
  dataDir?: string;
  /**
   * Port of the gateway; the subgraphs take the three ports after it unless `ports` says otherwise.
   * `0`: every process gets a free port chosen by the OS (tests, benchmarks).
   */
  gatewayPort?: number;
  ports?: Partial<Record<ServiceName, number>>;
  /** Where each process's log goes (`<logDir>/<name>.log`). */
  logDir: string;
  /** Extra environment for every process. */
  env?: Record<string, string>;
  /**
   * Port of a second schedules instance. Payments then delivers its events there, while the gateway
   * keeps talking to the first: a balance event is published on one instance and must reach
   * subscribers of the other (needs Redis).
   */
  secondSchedulesPort?: number;
  /**
   * A second gateway process (`gateway-2`, free port) over the same subgraphs, with extra
   * environment: e.g. hardening off to measure its cost, or a second instance sharing Redis limits.
   */
  secondGatewayEnv?: Record<string, string>;
}

interface Managed {
  name: string;
  port: number;
  env: Record<string, string>;
  main: string;
  child?: ChildProcess;
  log: WriteStream;
}

export interface RunningSystem {
  gatewayUrl: string;
  databaseUrl: string;
  urls: Record<string, string>;
  /** Stops one process (SIGTERM, then SIGKILL after 5 s). */
  stopService(name: string): Promise<void>;
  /** Starts a stopped process again and waits until it is ready. */
  startService(name: string): Promise<void>;
  /** Exit code of a stopped process (null while running). */
  exitCode(name: string): number | null;
  stop(): Promise<void>;
}

async function waitReady(
  url: string,
  child: ChildProcess | undefined,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null)
      throw new Error(`${url}: process exited with ${child.exitCode}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return;
    } catch {
      // not listening yet: keep polling until the deadline
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms`);
}

function launch(service: Managed): void {
  // INSTALLA_PROFILE_DIR=dir writes a V8 CPU profile per process on exit (for finding hot spots)
  const profile = process.env.INSTALLA_PROFILE_DIR
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.INSTALLA_PROFILE_DIR}`]
    : [];
  const child = spawn(
    process.execPath,
    ['--enable-source-maps', ...profile, path.join(DIST, service.main)],
    {
      cwd: ROOT,
      env: { ...process.env, ...service.env, PORT: String(service.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.pipe(service.log, { end: false });
  child.stderr?.pipe(service.log, { end: false });
  service.child = child;
}

async function terminate(service: Managed): Promise<void> {
  const child = service.child;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/**
 * A port nobody uses right now, picked below Linux's ephemeral range (32768+), where outgoing
 * connections take their local ports: an OS-chosen port 0 could be taken by one of those between
 * choosing it here and a service listening on it.
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const candidate = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(candidate, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (free) return candidate;
  }
}

/** Starts database (if embedded), subgraphs and gateway; resolves when all report ready. */
export async function startSystem(options: SystemOptions): Promise<RunningSystem> {
  mkdirSync(options.logDir, { recursive: true });
  let embedded: EmbeddedPostgres | undefined;
  const databaseUrl =
    options.databaseUrl ??
    (embedded = await startEmbeddedPostgres({ dataDir: options.dataDir, maxConnections: 100 })).url;
  const gatewayPort = options.gatewayPort === 0 ? await freePort() : (options.gatewayPort ?? 4000);
  const pick = async (name: ServiceName, offset: number) =>
    options.ports?.[name] ?? (options.gatewayPort === 0 ? freePort() : gatewayPort + offset);
  const portList = [
    await pick('accounts', 1),
    await pick('schedules', 2),
    await pick('payments', 3),
  ];
  const secondSchedulesPort =
    options.secondSchedulesPort === 0 ? await freePort() : options.secondSchedulesPort;
  const urlOf = (p: number) => `http://127.0.0.1:${p}`;
  const common: Record<string, string> = {
    DATABASE_URL: databaseUrl,
    ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
    ...(embedded ? { DB_POOL_MAX: '4' } : {}),
    ...options.env,
  };
  const ports = {
    accounts: portList[0],
    schedules: portList[1],
    payments: portList[2],
    gateway: gatewayPort,
  };
  const subgraphEnv = {
    ...common,
    PAYMENTS_URL: urlOf(ports.payments),
    SCHEDULES_URL: urlOf(secondSchedulesPort ?? ports.schedules),
  };
  const managed = new Map<string, Managed>();
  const add = (name: string, main: string, servicePort: number, env: Record<string, string>) =>
    managed.set(name, {
      name,
      port: servicePort,
      env,
      main,
      log: createWriteStream(path.join(options.logDir, `${name}.log`), { flags: 'a' }),
    });
  for (const name of SUBGRAPH_NAMES) add(name, MAIN[name], ports[name], subgraphEnv);
  if (secondSchedulesPort) add('schedules-2', MAIN.schedules, secondSchedulesPort, subgraphEnv);
  const gatewayEnv = {
    ...common,
    ACCOUNTS_URL: `${urlOf(ports.accounts)}/graphql`,
    SCHEDULES_URL: `${urlOf(ports.schedules)}/graphql`,
    PAYMENTS_URL: `${urlOf(ports.payments)}/graphql`,
  };
  add('gateway', MAIN.gateway, ports.gateway, gatewayEnv);
  if (options.secondGatewayEnv)
    add('gateway-2', MAIN.gateway, await freePort(), {
      ...gatewayEnv,
      ...options.secondGatewayEnv,
    });

  const start = async (service: Managed) => {
    launch(service);
    await waitReady(`${urlOf(service.port)}/readyz`, service.child);
    // another process may have answered on that port: ours must still be running
    await new Promise((r) => setTimeout(r, 50));
    if (service.child?.exitCode !== null)
      throw new Error(`${service.name} exited at start (port ${service.port} taken?)`);
  };
  const stopAll = async () => {
    await Promise.all([...managed.values()].map(terminate));
    for (const service of managed.values()) service.log.end();
    await embedded?.stop();
  };
  try {
    // subgraphs first (each migrates its own schema under an advisory lock), then the gateway
    const isGateway = (s: Managed) => s.name.startsWith('gateway');
    await Promise.all([...managed.values()].filter((s) => !isGateway(s)).map(start));
    await Promise.all([...managed.values()].filter(isGateway).map(start));
  } catch (error) {
    await stopAll();
    throw error;
  }
  const get = (name: string) => {
    const service = managed.get(name);
    if (!service) throw new Error(`no service ${name}`);
    return service;
  };
  return {
    gatewayUrl: urlOf(ports.gateway),
    databaseUrl,
    urls: Object.fromEntries([...managed.values()].map((s) => [s.name, urlOf(s.port)])),
    stopService: (name) => terminate(get(name)),
    startService: (name) => start(get(name)),
    exitCode: (name) => get(name).child?.exitCode ?? null,
    stop: stopAll,
  };
}
