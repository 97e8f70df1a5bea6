/**
 * Validation rules run before any resolver (and so before any Cypher). A malformed Date literal
 * is reported here as BAD_USER_INPUT naming its argument: graphql-js's own rule would report it
 * without the argument, under GRAPHQL_VALIDATION_FAILED.
 */
import { getNamedType, ValidationContext, ASTVisitor } from 'graphql';
import { ErrorCode, gqlError } from '../errors';
import { isIsoDate } from '../domain/dates';

/** Rejects Date literals that are not real calendar days, naming the argument (and field). */
export function DateLiteralRule(context: ValidationContext): ASTVisitor {
  const fields: string[] = [];
  return {
    ObjectField: {
      enter: (node) => void fields.push(node.name.value),
      leave: () => void fields.pop(),
    },
    StringValue(node) {
      const type = getNamedType(context.getInputType());
      if (type?.name !== 'Date' || isIsoDate(node.value)) return;
      const name = [context.getArgument()?.name ?? 'value', ...fields].join('.');
      context.reportError(gqlError(ErrorCode.BAD_USER_INPUT, `${name}: must be a calendar date written YYYY-MM-DD, got "${node.value}"`, { argument: name }));
    },
  };
}

/** The project's validation rules, in addition to graphql-js's. */
export const validationRules = [DateLiteralRule];
