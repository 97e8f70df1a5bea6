/**
 * The graphql-js failures that the error formatter (src/graphql/format-error.ts) can only
 * recognise by their message, pinned against the installed graphql: an upgrade that rewords one
 * fails here, not silently in production (a limit answered as a bare syntax error, hints leaking).
 */
import { parse, validate } from 'graphql';
import { STACK_OVERFLOW, SUGGESTION, TOO_MANY_TOKENS } from '../../src/graphql/format-error';
import { buildSchema } from '../../src/graphql/schema';

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected a failure');
}

describe('graphql-js messages the formatter recognises', () => {
  it('the parser at maxTokens says it holds more than N tokens, and the pattern reads N', () => {
    const message = messageOf(() => parse('{ a b c d e f }', { maxTokens: 3 }));
    expect(TOO_MANY_TOKENS.exec(message)?.[1]).toBe('3');
  });

  it('nesting far too deep overflows the parser with a stack overflow message', () => {
    const message = messageOf(() => parse(`${'{ a '.repeat(100_000)}${'}'.repeat(100_000)}`));
    expect(message).toMatch(STACK_OVERFLOW);
  });

  it('a misspelled field gets a "Did you mean" hint that the pattern strips to the plain message', () => {
    const [error] = validate(buildSchema(), parse('{ entiy(id: "x") { id } }'));
    expect(error!.message).toMatch(SUGGESTION);
    expect(error!.message.replace(SUGGESTION, '')).toBe('Cannot query field "entiy" on type "Query".');
  });
});
