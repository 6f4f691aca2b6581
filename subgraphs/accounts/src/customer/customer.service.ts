import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { Customer, emailIndexOf } from './customer.entity';
import { decodeCursor, encodeCursor } from '../../../shared/graphql/connection';
import { notFound, conflict } from '../../../shared/errors/domain-error';

export interface CustomerPage {
  edges: { cursor: string; node: Customer }[];
  hasNextPage: boolean;
}

/** Customer use cases; one instance per request (holds the request's EntityManager). */
export class CustomerService {
  /** Batches reference lookups: N `_entities` representations → one SELECT. */
  readonly byId = new DataLoader<string, Customer | null>(async (ids) => {
    const rows = await this.em.find(Customer, { id: { $in: [...ids] } });
    const map = new Map(rows.map((c) => [c.id, c]));
    return ids.map((id) => map.get(id) ?? null);
  });

  constructor(private readonly em: EntityManager) {}

  async get(id: string): Promise<Customer> {
    const customer = await this.byId.load(id);
    if (!customer) throw notFound('Customer', id);
    return customer;
  }

  /** Finds by email through the blind index (the column itself is encrypted). */
  findByEmail(email: string): Promise<Customer | null> {
    return this.em.findOne(Customer, { emailIndex: emailIndexOf(email) });
  }

  /** Keyset page ordered by (createdAt, id). */
  async list(first: number, after?: string | null): Promise<CustomerPage> {
    const cursor = after ? decodeCursor(after) : undefined;
    const where = cursor
      ? {
          $or: [
            { createdAt: { $gt: new Date(cursor.createdAt) } },
            { createdAt: new Date(cursor.createdAt), id: { $gt: cursor.id } },
          ],
        }
      : {};
    const rows = await this.em.find(Customer, where, {
      orderBy: { createdAt: 'asc', id: 'asc' },
      limit: first + 1,
    });
    const page = rows.slice(0, first);
    return {
      edges: page.map((node) => ({
        cursor: encodeCursor({ createdAt: node.createdAt.toISOString(), id: node.id }),
        node,
      })),
      hasNextPage: rows.length > first,
    };
  }

  /** Creates a customer; an email already in use is a CONFLICT. */
  async create(input: { name: string; email: string; locale?: string }): Promise<Customer> {
    if (await this.findByEmail(input.email)) {
      throw conflict('A customer with this email already exists.', { field: 'email' });
    }
    const customer = new Customer(input.name, input.email, input.locale);
    await this.em.persistAndFlush(customer);
    return customer;
  }
}
