import pino, { type Logger } from 'pino';
import type { SingleResult } from '../server/subgraph-server';

/** A logger that writes nothing (tests assert on results, not on log lines). */
export const silentLogger = (): Logger => pino({ level: 'silent' });

/** Counts the SQL statements MikroORM sends while `work` runs (pass `onQuery` to the ORM). */
export class StatementCounter {
  private statements: string[] = [];
  private active = false;

  readonly onQuery = (message: string): void => {
    if (this.active && /\b(select|insert|update|delete)\b/i.test(message))
      this.statements.push(message);
  };

  async count<T>(work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
    this.statements = [];
    this.active = true;
    try {
      const result = await work();
      return { result, statements: [...this.statements] };
    } finally {
      this.active = false;
    }
  }
}

/** The `extensions.code` of the first error, for asserting typed failures. */
export const errorCode = (result: SingleResult<unknown>): unknown =>
  result.errors?.[0]?.extensions?.code;
