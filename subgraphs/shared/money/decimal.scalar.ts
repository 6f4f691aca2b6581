import { GraphQLScalarType, Kind } from 'graphql';
import { Dec, type Dec as Decimal } from './money';
import { DomainError } from '../errors/domain-error';

const DECIMAL_PATTERN = /^-?(0|[1-9]\d*)(\.\d+)?$/;
const MAX_LENGTH = 48;

/** Parses an exact decimal string; anything else (numbers, exponents, NaN, overlong) is rejected. */
export function parseDecimalString(value: unknown): Decimal {
  if (typeof value !== 'string') {
    throw new DomainError(
      'BAD_USER_INPUT',
      `Decimal must be a string such as "125.50", not a JSON ${typeof value}: numbers lose precision.`,
    );
  }
  if (value.length > MAX_LENGTH || !DECIMAL_PATTERN.test(value)) {
    throw new DomainError(
      'BAD_USER_INPUT',
      `"${value.slice(0, MAX_LENGTH)}" is not a plain decimal string.`,
    );
  }
  return new Dec(value);
}

/**
 * `Decimal`: an exact decimal number written as a string. Accepts only strings on input; on output
 * a pre-formatted string (e.g. Money's "125.50") passes through and a Decimal is written in full.
 */
export const DecimalScalar = new GraphQLScalarType<Decimal | string, string>({
  name: 'Decimal',
  description:
    'An exact decimal number as a string, e.g. "125.50". Never a JSON number. Money amounts carry ' +
    'exactly the currency\'s minor digits ("1250" for JPY, "1.250" for KWD); rates keep full precision.',
  serialize(value: unknown): string {
    if (typeof value === 'string') return value;
    if (Dec.isDecimal(value)) return (value as Decimal).toFixed();
    throw new TypeError('Decimal fields must resolve to a string or a Decimal');
  },
  parseValue: (value: unknown) => parseDecimalString(value),
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) {
      throw new DomainError('BAD_USER_INPUT', 'Decimal literals must be strings such as "125.50".');
    }
    return parseDecimalString(ast.value);
  },
});
