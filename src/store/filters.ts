/**
 * THE filter compiler: turns the `where` and `orderBy` arguments of entities, claims,
 * decisionStats and claimStats into the WHERE condition and ORDER BY keys of a statement whose
 * fixed parts live in cypher/ (the placeholders __WHERE__ and __ORDER__, see Executor.readComposed).
 * Only the store modules of src/store/ call it: resolvers pass the GraphQL arguments, typed.
 * The one module of src/ allowed to hold Cypher text (test/unit/cypher-files.test.ts), kept safe
 * by two rules: property names and expressions come only from the fixed tables below, never from
 * the request; every value the request gives travels as a parameter, in the map `$f` (`$f.p0`,
 * `$f.p1` ...). Its output for each filter is pinned as text by test/unit/filters.test.ts.
 */
import { AppError, badInput, ErrorCode } from '../errors';
import { ENTITY_KINDS, EntityKind, labelOfKind } from '../domain/kinds';
import type { ClaimGroup, ClaimOrderField, ClaimWhere, DateFilter, DecisionGroup, EntityOrderField, EntityWhere, FloatFilter, RelatedFilter, StringFilter } from './generated';
import { labelPart } from '../seed/parts';
import { RELATIONSHIP_TYPES } from '../domain/relationships';

/**
 * The filter inputs are the SDL's (schema/*.graphql), generated into src/store/generated.ts: the
 * tables below are typed by them, so a field of the SDL without its compiler fails `tsc`, and
 * test/unit/filter-inputs.test.ts holds the built schema's input fields to the tables.
 */
export type { ClaimWhere, DateFilter, EntityWhere, FloatFilter, RelatedFilter, StringFilter } from './generated';

/** One sort key (GraphQL EntityOrder / ClaimOrder). */
interface Order<F extends string> {
  field: F;
  direction?: 'ASC' | 'DESC' | null;
}

/** A compiled condition: Cypher text over the variable `e` or `c`, and the values it names as `$f.pN`. */
interface Compiled {
  /** The condition; `true` when nothing is asked. */
  where: string;
  /** The values, by name, to pass as the parameter `f`. */
  params: Record<string, unknown>;
}

/** Deepest nesting of AND / OR / NOT, and most conditions in one filter: a filter is a question, not a program. */
export const MAX_FILTER_DEPTH = 8;
export const MAX_FILTER_CONDITIONS = 100;

/** Collects parameter values and hands out their names. */
class Params {
  readonly values: Record<string, unknown> = {};
  private n = 0;
  conditions = 0;

  /** The argument the paths of errors start from. */
  constructor(public root: string) {}

  /** `$f.pN` holding value. */
  add(value: unknown): string {
    const name = `p${this.n++}`;
    this.values[name] = value;
    return `$f.${name}`;
  }

  /** Counts one condition at path; refuses past MAX_FILTER_CONDITIONS. */
  count(path: string): void {
    if (++this.conditions > MAX_FILTER_CONDITIONS) throw badInput(path, `a filter may hold at most ${MAX_FILTER_CONDITIONS} conditions`);
  }

  /** The argument path of a nested field. */
  at(path: string, field: string): string {
    return path ? `${path}.${field}` : `${this.root}.${field}`;
  }
}

const and = (parts: string[]): string => (parts.length === 0 ? 'true' : parts.length === 1 ? parts[0]! : parts.map((p) => `(${p})`).join(' AND '));
const or = (parts: string[]): string => (parts.length === 0 ? 'false' : parts.length === 1 ? parts[0]! : parts.map((p) => `(${p})`).join(' OR '));

/** One operator of a scalar filter: its condition on the text or value `x`. */
type Operator<V> = (x: string, value: V, p: Params) => string;
/** THE operators of a scalar filter input, one per field of its SDL type, in the order they compile. */
type Operators<F> = { [K in keyof F]-?: Operator<NonNullable<F[K]>> };

const STRING_OPS: Operators<StringFilter> = {
  eq: (x, v, p) => `${x} = ${p.add(v)}`,
  in: (x, v, p) => `${x} IN ${p.add([...v])}`,
  contains: (x, v, p) => `toLower(${x}) CONTAINS ${p.add(v.toLowerCase())}`,
  startsWith: (x, v, p) => `toLower(${x}) STARTS WITH ${p.add(v.toLowerCase())}`,
};

const DATE_OPS: Operators<DateFilter> = {
  eq: (x, v, p) => `${x} = date(${p.add(v)})`,
  gte: (x, v, p) => `${x} >= date(${p.add(v)})`,
  lte: (x, v, p) => `${x} <= date(${p.add(v)})`,
};

const FLOAT_OPS: Operators<FloatFilter> = {
  eq: (x, v, p) => `${x} = ${p.add(v)}`,
  gte: (x, v, p) => `${x} >= ${p.add(v)}`,
  lte: (x, v, p) => `${x} <= ${p.add(v)}`,
};

/** The conditions of a scalar filter on `x`: one per field given, in the order of its table. */
function scalarConditions<F extends object>(ops: Operators<F>, x: string, f: F, p: Params): string[] {
  const parts: string[] = [];
  for (const [name, op] of Object.entries(ops) as [keyof F, Operator<unknown>][]) {
    const value = f[name];
    if (value !== null && value !== undefined) parts.push(op(x, value, p));
  }
  return parts;
}

/** Conditions of a StringFilter on the text `x` (a property or a loop variable). */
const stringConditions = (x: string, f: StringFilter, p: Params): string[] => scalarConditions(STRING_OPS, x, f, p);
/** Conditions of a DateFilter on the stored date `x`. */
const dateConditions = (x: string, f: DateFilter, p: Params): string[] => scalarConditions(DATE_OPS, x, f, p);
/** Conditions of a FloatFilter on the stored number `x`. */
const floatConditions = (x: string, f: FloatFilter, p: Params): string[] => scalarConditions(FLOAT_OPS, x, f, p);

/** The fields of RelatedFilter the `related` condition reads (all of them: typed by the SDL). */
const RELATED_FIELDS: { [K in keyof RelatedFilter]-?: true } = { type: true, direction: true, to: true };

/**
 * A decision's status on a date, from the parallel lists `statuses` and `statusFroms` that
 * src/db/records.ts stores (oldest first): the last status whose first day is on or before it;
 * UNKNOWN before the first change or without a history (the rule of statusOn, src/domain/decisions.ts).
 * @param on the Cypher expression of the date as YYYY-MM-DD text
 */
function statusOnCypher(x: string, on: string): string {
  return `coalesce(last([i IN range(0, size(coalesce(${x}.statuses, [])) - 1) WHERE ${x}.statusFroms[i] <= ${on} | ${x}.statuses[i]]), 'UNKNOWN')`;
}

const PATTERN: Record<'OUT' | 'IN' | 'BOTH', (rel: string) => string> = {
  OUT: (rel) => `(e)-[${rel}]->(o:Entity)`,
  IN: (rel) => `(e)<-[${rel}]-(o:Entity)`,
  BOTH: (rel) => `(e)-[${rel}]-(o:Entity)`,
};

/** Options of the entity compiler. */
interface EntityOptions {
  /** The date (YYYY-MM-DD) of `status`: today for lists, asOf for decisionStats. */
  statusOn: string;
}

/** Compiles one field's value to conditions (all must hold), given its argument path for errors. */
type FieldCompiler<V, O> = (value: V, p: Params, at: string, options: O) => string[];

/**
 * THE country of an entity, as a Cypher list of its country nodes (`ctry`) over the variable `x`:
 * the countries it is LOCATED_IN or has JURISDICTION_OVER; for a complaint, those of the
 * authority it was FILED_WITH; for a decision, those of the authority that ISSUED it. The
 * `country` filter, decisionStats(groupBy: COUNTRY) and complaintsPerCountry
 * (cypher/entity/complaints-per-country.cypher's __COUNTRIES__) all read this one definition.
 */
export function countriesOf(x: string): string {
  const country = "(ctry:Entity {kind: 'COUNTRY'})";
  return (
    `[(${x})-[:LOCATED_IN|JURISDICTION_OVER]->${country} | ctry]` +
    ` + [(${x})-[:FILED_WITH]->(:Entity)-[:JURISDICTION_OVER]->${country} | ctry]` +
    ` + [(${x})<-[:ISSUED]-(:Entity)-[:JURISDICTION_OVER]->${country} | ctry]`
  );
}

/** THE fixed list of entity filter fields and their Cypher over `e`. */
const ENTITY_FIELDS: { [K in Exclude<keyof EntityWhere, 'AND' | 'OR' | 'NOT'>]-?: FieldCompiler<NonNullable<EntityWhere[K]>, EntityOptions> } = {
  kind: (v, p) => [`e.kind IN ${p.add([...v])}`],
  name: (v, p) => {
    const inner = stringConditions('s', v, p);
    return inner.length > 0 ? [`any(s IN [e.name] + coalesce(e.aliases, []) WHERE ${and(inner)})`] : [];
  },
  date: (v, p) => dateConditions('e.date', v, p),
  country: (v, p) => [`any(ctry IN ${countriesOf('e')} WHERE ctry.id = ${p.add(v)})`],
  related: (r, p, at) => {
    if (!RELATIONSHIP_TYPES.has(r.type)) throw badInput(`${at}.type`, `unknown relationship type ${JSON.stringify(r.type)}; see enum RelationshipType`);
    const inner = [`type(r) = ${p.add(r.type)}`];
    if (r.to != null) inner.push(`o.id = ${p.add(r.to)}`);
    return [`EXISTS { MATCH ${PATTERN[r.direction ?? 'BOTH']('r')} WHERE ${and(inner)} }`];
  },
  amountEur: (v, p) => floatConditions('e.amountEur', v, p),
  measures: (v, p) => [`any(m IN coalesce(e.measures, []) WHERE m IN ${p.add([...v])})`],
  status: (v, p, _at, o) => [`e.kind = 'DECISION' AND ${statusOnCypher('e', p.add(o.statusOn))} IN ${p.add([...v])}`],
};

/** THE fixed list of claim filter fields and their Cypher over `c`. */
const CLAIM_FIELDS: { [K in Exclude<keyof ClaimWhere, 'AND' | 'OR' | 'NOT'>]-?: FieldCompiler<NonNullable<ClaimWhere[K]>, null> } = {
  about: (v, p) => [`EXISTS { (c)-[:ABOUT]->(:Entity {id: ${p.add(v)}}) }`],
  claimant: (v, p) => [`c.claimantId = ${p.add(v)}`],
  proposition: (v, p) => [`c.propositionId = ${p.add(v)}`],
  kind: (v, p) => [`coalesce(c.kind, 'ASSERTION') IN ${p.add([...v])}`],
  polarity: (v, p) => [`c.polarity = ${p.add(v)}`],
  status: (v, p) => [`coalesce(c.status, 'UNCONTESTED') IN ${p.add([...v])}`],
  madeOn: (v, p) => dateConditions('c.madeOn', v, p),
  text: (v, p) => stringConditions('c.text', v, p),
};

/** A filter with AND / OR / NOT. */
type Logical<W> = { AND?: readonly W[] | null; OR?: readonly W[] | null; NOT?: W | null };

/**
 * One filter's condition: its fields in the order of the table, then AND, OR and NOT.
 * @param path the argument path of this filter ('' for the root, whose name the Params hold)
 */
function condition<W extends Logical<W>, O>(w: W, path: string, depth: number, p: Params, table: Record<string, FieldCompiler<any, O>>, options: O): string {
  if (depth > MAX_FILTER_DEPTH) throw badInput(path, `AND, OR and NOT may nest at most ${MAX_FILTER_DEPTH} deep`);
  const parts: string[] = [];
  for (const [name, compile] of Object.entries(table)) {
    const value = (w as Record<string, unknown>)[name];
    if (value === null || value === undefined) continue;
    const at = p.at(path, name);
    p.count(at);
    parts.push(...compile(value, p, at, options));
  }
  const inner = (x: W, at: string) => condition(x, at, depth + 1, p, table, options);
  if (w.AND != null) parts.push(and(w.AND.map((x, i) => inner(x, `${p.at(path, 'AND')}[${i}]`))));
  if (w.OR != null) parts.push(or(w.OR.map((x, i) => inner(x, `${p.at(path, 'OR')}[${i}]`))));
  if (w.NOT != null) parts.push(`NOT (${inner(w.NOT, p.at(path, 'NOT'))})`);
  return and(parts);
}

/** All the filters, each with the argument path its errors name; nulls skipped. */
function compileAll<W extends Logical<W>, O>(filters: readonly (readonly [W | null | undefined, string])[], table: Record<string, FieldCompiler<any, O>>, options: O): Compiled {
  const p = new Params('where');
  const parts = filters.flatMap(([w, root]) => {
    if (!w) return [];
    p.root = root;
    return [condition(w, '', 1, p, table, options)];
  });
  return { where: and(parts.filter((x) => x !== 'true')), params: p.values };
}

/**
 * Compiles EntityWhere conditions over the variable `e`: all of them must hold.
 * @param filters each filter with the argument path its errors name (`where`); nulls are skipped
 */
export function compileEntityWhere(filters: readonly (readonly [EntityWhere | null | undefined, string])[], options: EntityOptions): Compiled {
  return compileAll(filters, ENTITY_FIELDS, options);
}

/**
 * The kinds an entity filter keeps when it asks nothing but `kind` (every filter's list must
 * hold): its count is then the sum of those kinds' labels in Neo4j's count store (countsPart),
 * where the condition `e.kind IN …` reads every node it counts. Null when a filter asks anything
 * else, or none asks a kind (no filter at all counts `:Entity` from the count store already).
 */
export function onlyKinds(filters: readonly (readonly [EntityWhere | null | undefined, string])[]): string[] | null {
  let kinds: string[] | null = null;
  for (const [w] of filters) {
    if (!w) continue;
    if (Object.entries(w).some(([field, value]) => value != null && field !== 'kind')) return null;
    if (w.kind != null) kinds = kinds === null ? [...new Set(w.kind)] : kinds.filter((k) => (w.kind as readonly string[]).includes(k));
  }
  return kinds;
}

const KINDS: ReadonlySet<string> = new Set(ENTITY_KINDS);
const isKind = (kind: string): kind is EntityKind => KINDS.has(kind);

/**
 * The `__COUNTS__` part of entity/counts: for each kind, its label counted from Neo4j's count
 * store (`MATCH (e:Complaint) RETURN count(e)` is one db hit, reading no node; a label given by
 * a parameter, or several in one MATCH, would scan), as rows `row` = {kind, count} in the order
 * given. Every kind carries exactly its label (the seeder sets it and clears the others), which
 * test/integration/counts.int.test.ts holds against a full scan.
 */
export function countsPart(kinds: readonly string[]): { COUNTS: string } {
  const names = kinds.map((kind) => {
    if (!isKind(kind) || !/^[A-Z][A-Z_]*$/.test(kind)) throw new AppError(ErrorCode.INTERNAL_SERVER_ERROR, `not an entity kind: ${JSON.stringify(kind)}`);
    return { kind, label: labelPart(labelOfKind(kind)).LABEL };
  });
  const calls = names.map(({ label }, i) => `CALL () { MATCH (e:${label}) RETURN count(e) AS n${i} }\n`).join('');
  return { COUNTS: `${calls}UNWIND [${names.map(({ kind }, i) => `{kind: '${kind}', count: n${i}}`).join(', ')}] AS row` };
}

/** Compiles ClaimWhere conditions over the variable `c`: all of them must hold (see compileEntityWhere). */
export function compileClaimWhere(filters: readonly (readonly [ClaimWhere | null | undefined, string])[]): Compiled {
  return compileAll(filters, CLAIM_FIELDS, null);
}

/**
 * The entity a claim filter's claims must all be ABOUT, when one says so at its top level (the
 * filters and their fields all hold together): a count can then start from that entity's claims
 * (claim/count-about) instead of testing every claim. Null when none names one there.
 */
export function claimsAboutAnchor(filters: readonly (readonly [ClaimWhere | null | undefined, string])[]): string | null {
  for (const [w] of filters) if (w?.about != null) return w.about;
  return null;
}

/**
 * Sort expressions of entities: NULLS LAST by sorting on `x IS NULL` first. Each is a value a
 * cursor carries as JSON and sends back as a parameter, so dates sort as their ISO text (the
 * same order): a Date would come back as a string and sort among the strings, not the dates.
 */
const ENTITY_ORDER: Record<EntityOrderField, { key: string; nullable: boolean }> = {
  NAME: { key: 'toLower(e.name)', nullable: false },
  DATE: { key: 'toString(e.date)', nullable: true },
  AMOUNT_EUR: { key: 'e.amountEur', nullable: true },
  DEGREE: { key: 'COUNT { (e)--(:Entity) }', nullable: false },
};

const CLAIM_ORDER: Record<ClaimOrderField, { key: string; nullable: boolean }> = {
  MADE_ON: { key: 'toString(c.madeOn)', nullable: true },
  STATUS: { key: "CASE coalesce(c.status, 'UNCONTESTED') WHEN 'UNCONTESTED' THEN 0 WHEN 'CORROBORATED' THEN 1 ELSE 2 END", nullable: false },
  SUPPORT: { key: 'coalesce(c.support, 0)', nullable: false },
};

/**
 * The sort of a keyset statement, in three parts: `KEYS`, the ordering key's leading values as
 * list items (`e.date IS NULL, e.date, `: each nullable field sorts its nulls last), which the
 * statement ends with its own tie-breakers and the id; `ORDER`, the ORDER BY over those values
 * (`row.k[0], row.k[1] DESC, `), which the statement ends with its tie-breakers by negative index;
 * and `ordering`, the orderBy's name that a cursor carries (see src/graphql/cursor.ts).
 */
interface KeysetSort {
  KEYS: string;
  ORDER: string;
  ordering: string;
}

function keysetSort(orders: readonly Order<string>[], table: Record<string, { key: string; nullable: boolean }>, root: string): KeysetSort {
  const seen = new Set<string>();
  const keys: { expr: string; desc: boolean }[] = [];
  orders.forEach((o, i) => {
    const spec = table[o.field];
    if (!spec) throw badInput(`${root}[${i}].field`, `cannot sort by ${JSON.stringify(o.field)}`);
    if (seen.has(o.field)) throw badInput(`${root}[${i}].field`, `${o.field} is already a sort key`);
    seen.add(o.field);
    if (spec.nullable) keys.push({ expr: `${spec.key} IS NULL`, desc: false });
    keys.push({ expr: spec.key, desc: o.direction === 'DESC' });
  });
  return {
    KEYS: keys.map((k) => `${k.expr}, `).join(''),
    ORDER: keys.map((k, i) => `row.k[${i}]${k.desc ? ' DESC' : ''}, `).join(''),
    ordering: orders.map((o) => `${o.field}${o.direction === 'DESC' ? ' DESC' : ''}`).join(',') || 'default',
  };
}

/** The keyset sort of entities (before the statement's tie-breakers, name then id). */
export function compileEntityKeyset(orders: readonly Order<string>[] | null | undefined, root = 'orderBy'): KeysetSort {
  return keysetSort(orders ?? [], ENTITY_ORDER, root);
}

/** The keyset sort of claims (before the statement's tie-breakers, date then id). */
export function compileClaimKeyset(orders: readonly Order<string>[] | null | undefined, root = 'orderBy'): KeysetSort {
  return keysetSort(orders ?? [], CLAIM_ORDER, root);
}

/** The groups of each decision, over `e`: a list of `{key, label}` (a decision may fall in several, or none). */
const DECISION_GROUP: Record<Exclude<DecisionGroup, 'STATUS'>, string> = {
  REGULATOR: '[(r:Entity)-[:ISSUED]->(e) | {key: r.id, label: r.name}]',
  COUNTRY: `[ctry IN ${countriesOf('e')} | {key: ctry.id, label: ctry.name}]`,
  YEAR: '[y IN [coalesce(e.decidedOn, e.date).year] WHERE y IS NOT NULL | {key: toString(y), label: toString(y)}]',
  MEASURE: '[m IN coalesce(e.measures, []) | {key: m, label: m}]',
  CURRENCY: '[x IN [e.currency] WHERE x IS NOT NULL | {key: x, label: x}]',
};

/**
 * The groups of a decision for decisionStats: a Cypher list of `{key, label}` maps over `e`
 * (empty: the statement puts the decision in NONE).
 * @param asOf the Cypher expression of STATUS's date, YYYY-MM-DD text
 */
export function decisionGroupKeys(groupBy: string, asOf: string): string {
  if (groupBy === 'STATUS') return `[s IN [${statusOnCypher('e', asOf)}] | {key: s, label: s}]`;
  const keys = (DECISION_GROUP as Record<string, string>)[groupBy];
  if (keys === undefined) throw badInput('groupBy', `cannot group decisions by ${JSON.stringify(groupBy)}`);
  return keys;
}

/** The group key of a claim for claimStats, as `{key, label}` over `c`. */
const CLAIM_GROUP: Record<ClaimGroup, string> = {
  STATUS: "{key: coalesce(c.status, 'UNCONTESTED'), label: coalesce(c.status, 'UNCONTESTED')}",
  KIND: "{key: coalesce(c.kind, 'ASSERTION'), label: coalesce(c.kind, 'ASSERTION')}",
  POLARITY: '{key: c.polarity, label: c.polarity}',
  CLAIMANT: "{key: c.claimantId, label: coalesce(head([(w:Entity)-[:MADE]->(c) | w.name]), c.claimantId)}",
  PROPOSITION: "{key: c.propositionId, label: coalesce(head([(c)-[:CONCERNS]->(q:Proposition) | q.text]), c.propositionId)}",
};

/** The group key of a claim for claimStats. */
export function claimGroupKey(groupBy: string): string {
  const key = (CLAIM_GROUP as Record<string, string>)[groupBy];
  if (!key) throw badInput('groupBy', `cannot group claims by ${JSON.stringify(groupBy)}`);
  return key;
}

/**
 * The names each table of this compiler answers, by the SDL type they compile: what
 * test/unit/filter-inputs.test.ts holds equal to the built schema's input fields and enum values.
 */
export const COMPILED_INPUTS: Record<string, readonly string[]> = {
  EntityWhere: ['AND', 'OR', 'NOT', ...Object.keys(ENTITY_FIELDS)],
  ClaimWhere: ['AND', 'OR', 'NOT', ...Object.keys(CLAIM_FIELDS)],
  StringFilter: Object.keys(STRING_OPS),
  DateFilter: Object.keys(DATE_OPS),
  FloatFilter: Object.keys(FLOAT_OPS),
  RelatedFilter: Object.keys(RELATED_FIELDS),
  EntityOrderField: Object.keys(ENTITY_ORDER),
  ClaimOrderField: Object.keys(CLAIM_ORDER),
  DecisionGroup: [...Object.keys(DECISION_GROUP), 'STATUS'],
  ClaimGroup: Object.keys(CLAIM_GROUP),
};
