import type { Logger } from 'pino';
import { createLogger } from '../logging/logger';
import { ConfigError } from '../config/env';

export interface RunningService {
  port: number;
  stop(): Promise<void>;
}

/**
 * The body of every subgraph's main.ts: parse config (exit 1 naming every bad variable), start,
 * print one line, and stop cleanly on SIGTERM/SIGINT.
 */
export async function runService<C extends { PORT: number; LOG_LEVEL: string }>(
  name: string,
  loadConfig: () => C,
  start: (config: C, logger: Logger) => Promise<RunningService>,
): Promise<void> {
  let config: C;
  try {
    config = loadConfig();
  } catch (error) {
    // configuration errors are the operator's to fix: print them plainly, no stack trace
    process.stderr.write(
      `${name}: ${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  }
  const logger = createLogger({ level: config.LOG_LEVEL as 'info', service: name });
  try {
    const service = await start(config, logger);
    logger.info({ port: service.port }, `${name} listening`);
    let stopping = false;
    const shutdown = (signal: string) => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, `${name} stopping`);
      const force = setTimeout(() => process.exit(1), 10_000);
      force.unref();
      service.stop().then(
        () => process.exit(0),
        (err: unknown) => {
          logger.error({ err }, 'error while stopping');
          process.exit(1);
        },
      );
    };
    process.on('SIGTERM', () => shutdown('SIGTERM'));
    process.on('SIGINT', () => shutdown('SIGINT'));
  } catch (error) {
    logger.fatal({ err: error }, `${name} failed to start`);
    process.exit(1);
  }
}
