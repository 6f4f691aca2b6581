import { Type, type EntityProperty } from '@mikro-orm/core';
import { Dec, type Dec as Decimal } from './money';

/**
 * Maps `numeric(p,s)` columns to decimal.js exactly. The pg driver returns numeric as a string,
 * so no precision is lost on read; writes use toFixed() (never exponent notation).
 */
export class DecimalJsType extends Type<Decimal | null | undefined, string | null | undefined> {
  override convertToDatabaseValue(value: Decimal | null | undefined): string | null | undefined {
    return value == null ? value : value.toFixed();
  }

  override convertToJSValue(value: string | null | undefined): Decimal | null | undefined {
    return value == null ? value : new Dec(value);
  }

  override getColumnType(prop: EntityProperty): string {
    return `numeric(${prop.precision ?? 19},${prop.scale ?? 4})`;
  }

  override compareAsType(): string {
    return 'string';
  }
}
