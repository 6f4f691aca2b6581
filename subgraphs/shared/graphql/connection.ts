import { Field, ObjectType, ArgsType, Int } from 'type-graphql';
import { Max, Min, MaxLength } from 'class-validator';
import type { ClassType } from 'type-graphql';
import { badInput } from '../errors/domain-error';

/** Relay `PageInfo`. */
@ObjectType('PageInfo', { description: 'Where a page sits in a list (Relay cursor connections).' })
export class PageInfo {
  @Field({ description: 'True when more items follow this page.' })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item; pass as `after`.' })
  endCursor!: string | null;
}

/** `first`/`after` arguments of a forward-paginated connection. */
@ArgsType()
export class ForwardPageArgs {
  @Field(() => Int, { defaultValue: 20, description: 'Page size, 1 to 100.' })
  @Min(1)
  @Max(100)
  first = 20;

  @Field(() => String, { nullable: true, description: 'Cursor after which the page starts.' })
  @MaxLength(200)
  after?: string | null;
}

/** Keyset cursor over (createdAt, id): stable under inserts, opaque to clients. */
export interface KeysetCursor {
  createdAt: string;
  id: string;
}

export const encodeCursor = (c: KeysetCursor): string =>
  Buffer.from(JSON.stringify([c.createdAt, c.id])).toString('base64url');

export function decodeCursor(cursor: string): KeysetCursor {
  try {
    const [createdAt, id] = JSON.parse(
      Buffer.from(cursor, 'base64url').toString('utf8'),
    ) as unknown[];
    if (
      typeof createdAt === 'string' &&
      typeof id === 'string' &&
      !Number.isNaN(Date.parse(createdAt))
    ) {
      return { createdAt, id };
    }
  } catch {
    // JSON.parse throws on garbage; reported below as a typed input error
  }
  throw badInput('after', 'The cursor is not valid; use a pageInfo.endCursor value.');
}

/** Builds `<Name>Connection` and `<Name>Edge` classes for a node type. */
export function connectionOf<T extends object>(nodeType: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`, { description: `An edge in a ${name} connection.` })
  class Edge {
    @Field({ description: 'Opaque cursor of this edge.' })
    cursor!: string;

    @Field(() => nodeType, { description: `The ${name}.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} items.` })
  class Connection {
    @Field(() => [Edge], { description: 'The items of this page with their cursors.' })
    edges!: Edge[];

    @Field(() => PageInfo, { description: 'Pagination state.' })
    pageInfo!: PageInfo;
  }
  return { Edge, Connection };
}
