/** The Date and JSON scalars. Dates are validated as real calendar days, not just a shape. */
import { GraphQLScalarType, Kind, ValueNode } from 'graphql';
import { ErrorCode, gqlError } from '../../errors';
import { isIsoDate } from '../../domain/dates';

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isIsoDate(value)) {
    throw gqlError(ErrorCode.BAD_USER_INPUT, `Date must be a calendar date written YYYY-MM-DD, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** ISO 8601 calendar date. */
export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'ISO 8601 calendar date, "YYYY-MM-DD".',
  serialize: (v) => String(v),
  parseValue: parseDate,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw gqlError(ErrorCode.BAD_USER_INPUT, 'Date must be a string written YYYY-MM-DD');
    // A malformed literal is reported by DateLiteralRule (src/graphql/validation.ts), which can
    // name the argument; the query never executes, so the raw string goes no further.
    return ast.value;
  },
});

function literal(ast: ValueNode, variables: Record<string, unknown> | null | undefined): unknown {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return ast.values.map((v) => literal(v, variables));
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((f) => [f.name.value, literal(f.value, variables)]));
    case Kind.VARIABLE:
      return variables?.[ast.name.value];
    default:
      return undefined;
  }
}

/** Any JSON value. */
export const JSONScalar = new GraphQLScalarType({
  name: 'JSON',
  description: 'Any JSON value.',
  serialize: (v) => v,
  parseValue: (v) => v,
  parseLiteral: (ast, variables) => literal(ast, variables),
});
