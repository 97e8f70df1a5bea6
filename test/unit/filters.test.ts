/**
 * The filter compiler (src/store/filters.ts): its Cypher for each filter, pinned as text, with every
 * value of the request in the parameter map and none in the text; and its refusals, each naming
 * the GraphQL argument path.
 */
import {
  claimGroupKey,
  claimsAboutAnchor,
  compileClaimKeyset,
  compileClaimWhere,
  compileEntityKeyset,
  compileEntityWhere,
  countriesOf,
  countsPart,
  decisionGroupKeys,
  onlyKinds,
  EntityWhere,
  MAX_FILTER_CONDITIONS,
  MAX_FILTER_DEPTH,
} from '../../src/store/filters';
import { labelPart, typePart } from '../../src/seed/parts';
import { composeStatement } from '../../src/db/executor';
import { loadCypher } from '../../src/db/cypher';
import { ENTITY_LABELS } from '../../src/domain/kinds';
import { RELATIONSHIP_TYPES } from '../../src/domain/relationships';
import path from 'node:path';

const ON = '2026-01-01';
const entity = (w: EntityWhere | null) => compileEntityWhere([[w, 'where']], { statusOn: ON });
const STATUS_ON = (on: string) =>
  `coalesce(last([i IN range(0, size(coalesce(e.statuses, [])) - 1) WHERE e.statusFroms[i] <= ${on} | e.statuses[i]]), 'UNKNOWN')`;

/** The refusal a compile throws: its message and extensions. */
function refusal(compile: () => unknown): { message: string; code: unknown; argument: unknown } {
  try {
    compile();
  } catch (e: any) {
    return { message: e.message, code: e.code, argument: e.details?.argument };
  }
  throw new Error('expected a refusal');
}

describe('the entity filter compiler', () => {
  it('compiles no filter, or an empty one, to true with no parameters', () => {
    expect(entity(null)).toEqual({ where: 'true', params: {} });
    expect(entity({})).toEqual({ where: 'true', params: {} });
  });

  it.each<[string, EntityWhere, string, Record<string, unknown>]>([
    ['kind', { kind: ['REGULATOR', 'COURT'] }, 'e.kind IN $f.p0', { p0: ['REGULATOR', 'COURT'] }],
    [
      'name (name or any alias, case-insensitive where it says so)',
      { name: { eq: 'CNIL', in: ['ICO'], contains: 'Police', startsWith: 'Clear' } },
      'any(s IN [e.name] + coalesce(e.aliases, []) WHERE (s = $f.p0) AND (s IN $f.p1) AND (toLower(s) CONTAINS $f.p2) AND (toLower(s) STARTS WITH $f.p3))',
      { p0: 'CNIL', p1: ['ICO'], p2: 'police', p3: 'clear' },
    ],
    [
      'date',
      { date: { eq: '2022-10-17', gte: '2022-01-01', lte: '2022-12-31' } },
      '(e.date = date($f.p0)) AND (e.date >= date($f.p1)) AND (e.date <= date($f.p2))',
      { p0: '2022-10-17', p1: '2022-01-01', p2: '2022-12-31' },
    ],
    [
      'country',
      { country: 'france' },
      "any(ctry IN [(e)-[:LOCATED_IN|JURISDICTION_OVER]->(ctry:Entity {kind: 'COUNTRY'}) | ctry] + " +
        "[(e)-[:FILED_WITH]->(:Entity)-[:JURISDICTION_OVER]->(ctry:Entity {kind: 'COUNTRY'}) | ctry] + " +
        "[(e)<-[:ISSUED]-(:Entity)-[:JURISDICTION_OVER]->(ctry:Entity {kind: 'COUNTRY'}) | ctry] WHERE ctry.id = $f.p0)",
      { p0: 'france' },
    ],
    [
      'related, incoming, to one entity',
      { related: { type: 'ISSUED', direction: 'IN', to: 'cnil' } },
      'EXISTS { MATCH (e)<-[r]-(o:Entity) WHERE (type(r) = $f.p0) AND (o.id = $f.p1) }',
      { p0: 'ISSUED', p1: 'cnil' },
    ],
    ['related, outgoing', { related: { type: 'USES', direction: 'OUT' } }, 'EXISTS { MATCH (e)-[r]->(o:Entity) WHERE type(r) = $f.p0 }', { p0: 'USES' }],
    ['related, either way by default', { related: { type: 'USES' } }, 'EXISTS { MATCH (e)-[r]-(o:Entity) WHERE type(r) = $f.p0 }', { p0: 'USES' }],
    [
      'amountEur',
      { amountEur: { eq: 20000000, gte: 1000000, lte: 30500000 } },
      '(e.amountEur = $f.p0) AND (e.amountEur >= $f.p1) AND (e.amountEur <= $f.p2)',
      { p0: 20000000, p1: 1000000, p2: 30500000 },
    ],
    ['measures', { measures: ['FINE', 'ORDER_TO_DELETE'] }, 'any(m IN coalesce(e.measures, []) WHERE m IN $f.p0)', { p0: ['FINE', 'ORDER_TO_DELETE'] }],
    ['status (on the compiler\u2019s date)', { status: ['IN_FORCE'] }, `e.kind = 'DECISION' AND ${STATUS_ON('$f.p0')} IN $f.p1`, { p0: ON, p1: ['IN_FORCE'] }],
    [
      'AND, OR and NOT',
      { AND: [{ kind: ['DECISION'] }, { measures: ['FINE'] }], OR: [{ country: 'france' }], NOT: { amountEur: { lte: 1000000 } } },
      `((e.kind IN $f.p0) AND (any(m IN coalesce(e.measures, []) WHERE m IN $f.p1))) AND (any(ctry IN ${countriesOf('e')} WHERE ctry.id = $f.p2)) AND (NOT (e.amountEur <= $f.p3))`,
      { p0: ['DECISION'], p1: ['FINE'], p2: 'france', p3: 1000000 },
    ],
    ['an empty AND (always) and an empty OR (never)', { AND: [], OR: [] }, '(true) AND (false)', {}],
  ])('compiles %s', (_name, where, text, params) => {
    expect(entity(where)).toEqual({ where: text, params });
  });

  it('puts every value of the request in the parameters, never in the text', () => {
    const nasty = "x' }) DETACH DELETE e //";
    const { where, params } = entity({ name: { eq: nasty, contains: nasty }, country: nasty, related: { type: 'USES', to: nasty } });
    expect(where).not.toContain('DETACH');
    expect(Object.values(params)).toContain(nasty);
  });

  it('ANDs several filters, the older arguments with where, numbering their values apart', () => {
    const compiled = compileEntityWhere(
      [
        [{ kind: ['DECISION'] }, 'arguments'],
        [null, 'nothing'],
        [{ kind: ['COURT'] }, 'where'],
      ],
      { statusOn: ON },
    );
    expect(compiled).toEqual({ where: '(e.kind IN $f.p0) AND (e.kind IN $f.p1)', params: { p0: ['DECISION'], p1: ['COURT'] } });
  });

  it('refuses an unknown relationship type, naming the argument path', () => {
    expect(refusal(() => entity({ OR: [{ kind: ['DECISION'] }, { related: { type: 'KNOWS' } }] }))).toEqual({
      message: 'where.OR[1].related.type: unknown relationship type "KNOWS"; see enum RelationshipType',
      code: 'BAD_USER_INPUT',
      argument: 'where.OR[1].related.type',
    });
  });

  it(`refuses AND, OR and NOT nested deeper than ${MAX_FILTER_DEPTH}`, () => {
    let w: EntityWhere = { kind: ['DECISION'] };
    for (let i = 0; i < MAX_FILTER_DEPTH; i++) w = { NOT: w };
    expect(refusal(() => entity(w))).toMatchObject({ code: 'BAD_USER_INPUT', argument: `where${'.NOT'.repeat(MAX_FILTER_DEPTH)}` });
    let ok: EntityWhere = { kind: ['DECISION'] };
    for (let i = 0; i < MAX_FILTER_DEPTH - 1; i++) ok = { NOT: ok };
    expect(entity(ok).where).toMatch(/^NOT \(/);
  });

  it(`refuses more than ${MAX_FILTER_CONDITIONS} conditions`, () => {
    const many = { OR: Array.from({ length: MAX_FILTER_CONDITIONS + 1 }, (_x, i) => ({ country: `c${i}` })) };
    expect(refusal(() => entity(many))).toMatchObject({ code: 'BAD_USER_INPUT', argument: `where.OR[${MAX_FILTER_CONDITIONS}].country` });
  });
});

describe('the claim filter compiler', () => {
  it('compiles each condition', () => {
    const compiled = compileClaimWhere([
      [
        {
          about: 'dutch-national-police',
          claimant: 'sander-dekker',
          proposition: 'dutch-police-used-clearview',
          kind: ['ASSERTION'],
          polarity: 'DENIES',
          status: ['DISPUTED'],
          madeOn: { gte: '2021-09-01', lte: '2021-09-30' },
          text: { contains: 'Clearview' },
          NOT: { kind: ['QUESTION'] },
        },
        'where',
      ],
    ]);
    expect(compiled.where).toBe(
      [
        'EXISTS { (c)-[:ABOUT]->(:Entity {id: $f.p0}) }',
        'c.claimantId = $f.p1',
        'c.propositionId = $f.p2',
        "coalesce(c.kind, 'ASSERTION') IN $f.p3",
        'c.polarity = $f.p4',
        "coalesce(c.status, 'UNCONTESTED') IN $f.p5",
        'c.madeOn >= date($f.p6)',
        'c.madeOn <= date($f.p7)',
        'toLower(c.text) CONTAINS $f.p8',
        "NOT (coalesce(c.kind, 'ASSERTION') IN $f.p9)",
      ]
        .map((p) => `(${p})`)
        .join(' AND '),
    );
    expect(compiled.params).toEqual({
      p0: 'dutch-national-police',
      p1: 'sander-dekker',
      p2: 'dutch-police-used-clearview',
      p3: ['ASSERTION'],
      p4: 'DENIES',
      p5: ['DISPUTED'],
      p6: '2021-09-01',
      p7: '2021-09-30',
      p8: 'clearview',
      p9: ['QUESTION'],
    });
  });

  it('names the argument path of a refusal under AND', () => {
    let w: any = { polarity: 'AFFIRMS' };
    for (let i = 0; i < MAX_FILTER_DEPTH; i++) w = { AND: [w] };
    expect(refusal(() => compileClaimWhere([[w, 'where']]))).toMatchObject({ argument: `where${'.AND[0]'.repeat(MAX_FILTER_DEPTH)}` });
  });
});

describe('sort keys', () => {
  it('compiles entity sort keys as a keyset: the key values, their ORDER BY (nulls last either way) and the ordering a cursor names', () => {
    expect(compileEntityKeyset(null)).toEqual({ KEYS: '', ORDER: '', ordering: 'default' });
    expect(compileEntityKeyset([{ field: 'NAME' }])).toEqual({ KEYS: 'toLower(e.name), ', ORDER: 'row.k[0], ', ordering: 'NAME' });
    expect(compileEntityKeyset([{ field: 'DATE', direction: 'DESC' }])).toEqual({ KEYS: 'toString(e.date) IS NULL, toString(e.date), ', ORDER: 'row.k[0], row.k[1] DESC, ', ordering: 'DATE DESC' });
    expect(compileEntityKeyset([{ field: 'AMOUNT_EUR', direction: 'DESC' }, { field: 'DEGREE', direction: 'ASC' }])).toEqual({
      KEYS: 'e.amountEur IS NULL, e.amountEur, COUNT { (e)--(:Entity) }, ',
      ORDER: 'row.k[0], row.k[1] DESC, row.k[2], ',
      ordering: 'AMOUNT_EUR DESC,DEGREE',
    });
  });

  it('compiles claim sort keys', () => {
    expect(compileClaimKeyset([{ field: 'MADE_ON', direction: 'DESC' }])).toMatchObject({ KEYS: 'toString(c.madeOn) IS NULL, toString(c.madeOn), ', ORDER: 'row.k[0], row.k[1] DESC, ' });
    expect(compileClaimKeyset([{ field: 'STATUS' }]).KEYS).toBe("CASE coalesce(c.status, 'UNCONTESTED') WHEN 'UNCONTESTED' THEN 0 WHEN 'CORROBORATED' THEN 1 ELSE 2 END, ");
    expect(compileClaimKeyset([{ field: 'SUPPORT', direction: 'DESC' }])).toEqual({ KEYS: 'coalesce(c.support, 0), ', ORDER: 'row.k[0] DESC, ', ordering: 'SUPPORT DESC' });
  });

  it('refuses a field twice, or one it does not know, naming the argument path', () => {
    expect(refusal(() => compileEntityKeyset([{ field: 'DATE' }, { field: 'DATE', direction: 'DESC' }]))).toMatchObject({ argument: 'orderBy[1].field' });
    expect(refusal(() => compileClaimKeyset([{ field: 'NAME' }]))).toMatchObject({ argument: 'orderBy[0].field' });
  });
});

describe('groups', () => {
  it('gives each decision its groups as {key, label} maps', () => {
    expect(decisionGroupKeys('REGULATOR', '$f.asOf')).toBe('[(r:Entity)-[:ISSUED]->(e) | {key: r.id, label: r.name}]');
    expect(decisionGroupKeys('COUNTRY', '$f.asOf')).toBe(`[ctry IN ${countriesOf('e')} | {key: ctry.id, label: ctry.name}]`);
    expect(decisionGroupKeys('YEAR', '$f.asOf')).toBe('[y IN [coalesce(e.decidedOn, e.date).year] WHERE y IS NOT NULL | {key: toString(y), label: toString(y)}]');
    expect(decisionGroupKeys('MEASURE', '$f.asOf')).toBe('[m IN coalesce(e.measures, []) | {key: m, label: m}]');
    expect(decisionGroupKeys('CURRENCY', '$f.asOf')).toBe('[x IN [e.currency] WHERE x IS NOT NULL | {key: x, label: x}]');
    expect(decisionGroupKeys('STATUS', '$f.asOf')).toBe(`[s IN [${STATUS_ON('$f.asOf')}] | {key: s, label: s}]`);
  });

  it('gives each claim its group', () => {
    expect(claimGroupKey('STATUS')).toBe("{key: coalesce(c.status, 'UNCONTESTED'), label: coalesce(c.status, 'UNCONTESTED')}");
    expect(claimGroupKey('KIND')).toBe("{key: coalesce(c.kind, 'ASSERTION'), label: coalesce(c.kind, 'ASSERTION')}");
    expect(claimGroupKey('POLARITY')).toBe('{key: c.polarity, label: c.polarity}');
    expect(claimGroupKey('CLAIMANT')).toBe('{key: c.claimantId, label: coalesce(head([(w:Entity)-[:MADE]->(c) | w.name]), c.claimantId)}');
    expect(claimGroupKey('PROPOSITION')).toBe('{key: c.propositionId, label: coalesce(head([(c)-[:CONCERNS]->(q:Proposition) | q.text]), c.propositionId)}');
  });

  it('refuses a group it does not know', () => {
    expect(refusal(() => decisionGroupKeys('ARTICLE', '$f.asOf'))).toMatchObject({ argument: 'groupBy', code: 'BAD_USER_INPUT' });
    expect(refusal(() => claimGroupKey('SUBJECT'))).toMatchObject({ argument: 'groupBy' });
  });
});

describe('composing a statement', () => {
  it('replaces each placeholder by its part', () => {
    expect(composeStatement('x', 'MATCH (e) WHERE __WHERE__ ORDER BY __ORDER__e.id', { WHERE: 'e.kind IN $f.p0', ORDER: '' })).toBe(
      'MATCH (e) WHERE e.kind IN $f.p0 ORDER BY e.id',
    );
  });

  it('refuses a placeholder without a part, and a part without a placeholder', () => {
    expect(() => composeStatement('entity/list', 'WHERE __WHERE__ ORDER BY __ORDER__e.id', { WHERE: 'true' })).toThrow(/entity\/list.*ORDER/);
    expect(() => composeStatement('entity/count', 'WHERE __WHERE__', { WHERE: 'true', ORDER: '' })).toThrow(/entity\/count.*ORDER/);
  });
});

describe('the one label or relationship type of a seeding write', () => {
  const registry = loadCypher(path.resolve(__dirname, '../../cypher'));
  const body = (name: string, parts: Record<string, string>) =>
    composeStatement(name, registry.get(name)!.text, parts)
      .split('\n')
      .filter((l) => !l.startsWith('//'))
      .join('\n');

  it('composes the create and upsert statements with the label or type named, pinned as text', () => {
    expect(body('seed/create-entities', labelPart('Decision'))).toBe(
      [
        'UNWIND $rows AS row',
        'CREATE (e:Entity:Decision)',
        'SET e = row.props',
        'SET e.date = date(row.props.date), e.publishedOn = date(row.props.publishedOn),',
        '    e.decidedOn = date(row.props.decidedOn), e.retrievedOn = date(row.props.retrievedOn),',
        '    e.eurRateOn = date(row.props.eurRateOn)',
        'RETURN count(e) AS written',
        '',
      ].join('\n'),
    );
    expect(body('seed/upsert-entities', labelPart('PoliticalParty'))).toContain('SET e:PoliticalParty\nRETURN count(e) AS written');
    expect(body('seed/create-relationships', typePart('FILED_BY'))).toContain('CREATE (a)-[r:FILED_BY]->(b)');
    expect(body('seed/upsert-relationships', typePart('APPEAL_OF'))).toContain('MERGE (a)-[r:APPEAL_OF]->(b)');
  });

  it('accepts every label and type of src/domain and nothing else, so no input text reaches the statement', () => {
    for (const label of ENTITY_LABELS) expect(labelPart(label)).toEqual({ LABEL: label });
    for (const type of RELATIONSHIP_TYPES) expect(typePart(type)).toEqual({ TYPE: type });
    for (const bad of ['Company:Admin', 'Company) DETACH DELETE (e', 'company', '', 'Entity']) expect(() => labelPart(bad)).toThrow(/not an entity label/);
    for (const bad of ['FILED_BY]->() DELETE r//', 'filed_by', 'MADE']) expect(() => typePart(bad)).toThrow(/not a relationship type/);
  });
});

describe('counts from the count store', () => {
  it('counts each kind by its label alone, one CALL per kind, in the order asked', () => {
    expect(countsPart(['COMPLAINT', 'POLITICAL_PARTY']).COUNTS).toBe(
      'CALL () { MATCH (e:Complaint) RETURN count(e) AS n0 }\n' +
        'CALL () { MATCH (e:PoliticalParty) RETURN count(e) AS n1 }\n' +
        "UNWIND [{kind: 'COMPLAINT', count: n0}, {kind: 'POLITICAL_PARTY', count: n1}] AS row",
    );
    expect(countsPart([]).COUNTS).toBe('UNWIND [] AS row');
  });

  it('refuses anything that is not a kind of the list', () => {
    expect(() => countsPart(["COMPANY' })"])).toThrow(/not an entity kind/);
    expect(() => countsPart(['Company'])).toThrow(/not an entity kind/);
  });

  it('takes the count-store path only for filters that ask nothing but kinds', () => {
    expect(onlyKinds([[null, 'arguments'], [undefined, 'where']])).toBeNull();
    expect(onlyKinds([[{ kind: null, name: null }, 'arguments'], [{ kind: ['NGO', 'COMPANY', 'NGO'] }, 'where']])).toEqual(['NGO', 'COMPANY']);
    expect(onlyKinds([[{ kind: ['COMPANY'] }, 'arguments'], [{ kind: ['NGO', 'COMPANY'] }, 'where']])).toEqual(['COMPANY']);
    expect(onlyKinds([[{ kind: ['COURT'] }, 'arguments'], [{ kind: ['NGO'] }, 'where']])).toEqual([]);
    expect(onlyKinds([[{ kind: ['COMPANY'], country: 'france' }, 'arguments']])).toBeNull();
    expect(onlyKinds([[{ kind: ['COMPANY'] }, 'arguments'], [{ OR: [{ kind: ['NGO'] }] }, 'where']])).toBeNull();
    expect(onlyKinds([[{ kind: ['COMPANY'] }, 'arguments'], [{ NOT: { kind: ['NGO'] } }, 'where']])).toBeNull();
  });
});

describe('the entity a claims count starts from', () => {
  it('is an about at a top level only', () => {
    expect(claimsAboutAnchor([[{ about: null }, 'arguments'], [{ about: 'cnil', polarity: 'DENIES' }, 'where']])).toBe('cnil');
    expect(claimsAboutAnchor([[{ about: 'clearview-ai' }, 'arguments'], [{ about: 'cnil' }, 'where']])).toBe('clearview-ai');
    expect(claimsAboutAnchor([[null, 'arguments'], [{ OR: [{ about: 'cnil' }] }, 'where']])).toBeNull();
    expect(claimsAboutAnchor([[{ NOT: { about: 'cnil' } }, 'where']])).toBeNull();
  });
});
