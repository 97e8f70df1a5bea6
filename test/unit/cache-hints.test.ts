import { parse } from 'graphql';
import { fieldsAsked, maxAgeOf } from '../../src/graphql/cache-hints';
import { buildSchema } from '../../src/graphql/schema';

const schema = buildSchema();
const cache = { maxAge: 60, fieldMaxAge: { 'Query.search': 5, 'Entity.claimsAbout': 30 } };
const ageOf = (query: string) => maxAgeOf(fieldsAsked(schema, parse(query)), cache);

describe('cache hints (src/graphql/cache-hints.ts)', () => {
  it('names the fields asked through fragments, on the type they are asked on, without introspection', () => {
    const asked = fieldsAsked(schema, parse('{ __typename entity(id: "x") { ...F ... on Decision { amountEur } } } fragment F on Entity { claimsAbout { totalCount } }'));
    expect(asked.sort((a, b) => a.coordinate.localeCompare(b.coordinate))).toEqual([
      { coordinate: 'ClaimConnection.totalCount', leaf: true },
      { coordinate: 'Decision.amountEur', leaf: true },
      { coordinate: 'Entity.claimsAbout', leaf: false },
      { coordinate: 'Query.entity', leaf: false },
    ]);
  });

  it('answers the smallest max-age of the fields asked, 0 when one is never public or the operation writes', () => {
    expect(ageOf('{ entity(id: "x") { id } }')).toBe(60);
    expect(ageOf('{ entity(id: "x") { claimsAbout { totalCount } } }')).toBe(30);
    expect(ageOf('{ search(text: "x") { score } entity(id: "x") { claimsAbout { totalCount } } }')).toBe(5);
    expect(ageOf('{ entity(id: "x") { id } changes(since: "2020-01-01") { totalCount } }')).toBe(0);
    expect(ageOf('{ auditLog { totalCount } }')).toBe(0);
    expect(ageOf('mutation { deleteEntity(id: "x") }')).toBe(0);
    // A field's own max-age may be longer than the default; a leaf counts only when named.
    expect(maxAgeOf(fieldsAsked(schema, parse('{ entityCounts { kind count } }')), { maxAge: 60, fieldMaxAge: { 'Query.entityCounts': 300 } })).toBe(300);
    expect(maxAgeOf(fieldsAsked(schema, parse('{ entityCounts { kind count } }')), { maxAge: 60, fieldMaxAge: { 'Query.entityCounts': 300, 'KindCount.count': 10 } })).toBe(10);
    expect(maxAgeOf(fieldsAsked(schema, parse('{ entity(id: "x") { id } }')), { maxAge: 0, fieldMaxAge: {} })).toBe(0);
  });
});
