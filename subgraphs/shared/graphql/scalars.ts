import { GraphQLScalarType } from 'graphql';
import { LocalDateResolver, DateTimeISOResolver } from 'graphql-scalars';

/** `LocalDate`: a calendar date "2025-03-01" with no time zone, used for due dates. */
export const LocalDateScalar = LocalDateResolver;

/** `DateTime`: an instant as ISO-8601 in UTC, used for timestamps. */
export const DateTimeScalar = new GraphQLScalarType({
  ...DateTimeISOResolver.toConfig(),
  name: 'DateTime',
  description: 'An instant in time, written as ISO-8601 in UTC, e.g. "2025-03-01T09:30:00.000Z".',
});
