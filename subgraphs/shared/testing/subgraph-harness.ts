import assert from 'node:assert/strict';
import pino, { type Logger } from 'pino';
import type { GraphQLFormattedError } from 'graphql';
import type { BaseRequestContext, SubgraphServer } from '../server/subgraph-server';

/** A logger that writes nothing (tests assert on results, not on log lines). */
export const silentLogger = (): Logger => pino({ level: 'silent' });

/** Counts the SQL statements MikroORM sends while `work` runs (pass `onQuery` to the ORM). */
export class StatementCounter {
  private statements: string[] = [];
  private active = false;

  readonly onQuery = (message: string): void => {
    if (this.active && /\b(select|insert|update|delete)\b/i.test(message)) this.statements.push(message);
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

export interface SingleResult<T> {
  data?: T | null;
  errors?: readonly GraphQLFormattedError[];
}

/** Executes one operation in-process with a fresh request context; returns the single result. */
export async function execute<T = Record<string, unknown>, C extends BaseRequestContext = BaseRequestContext>(
  server: SubgraphServer<C>,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<SingleResult<T>> {
  const contextValue = server.createContext({ requestId: 'test', logger: silentLogger() });
  const response = await server.apollo.executeOperation<T>({ query, variables }, { contextValue });
  assert.equal(response.body.kind, 'single');
  // JSON round trip: plain objects (graphql-js builds null-prototype ones) as a client would see them
  return response.body.kind === 'single' ? (JSON.parse(JSON.stringify(response.body.singleResult)) as SingleResult<T>) : {};
}

/** The `extensions.code` of the first error, for asserting typed failures. */
export const errorCode = (result: SingleResult<unknown>): unknown => result.errors?.[0]?.extensions?.code;
