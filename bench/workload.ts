/**
 * The analyst workload: each query as sent to this server, its equivalent for @neo4j/graphql
 * (or why that cannot express it), and the same Cypher statements run straight through
 * neo4j-driver. Variables are drawn from the generator's pools with the data's own skew, so
 * popular entities are asked about more often, the same way for every system.
 */
import path from 'node:path';
import { FieldNode, FragmentDefinitionNode, GraphQLSchema, Kind, OperationDefinitionNode, parse } from 'graphql';
import { composeEntityPlan } from '../src/db/compose';
import { loadFragments } from '../src/db/cypher';
import { planEntity } from '../src/graphql/plan';
import { buildSchema } from '../src/graphql/schema';
import { luceneQuery } from '../src/graphql/search';
import type { Pools } from './generate';

/** Runs one named Cypher file (cypher/<name>.cypher), its `__NAME__` placeholders filled by `parts`, and returns plain rows. */
export type RawRun = (name: string, params: Record<string, unknown>, parts?: Record<string, string>) => Promise<Record<string, any>[]>;

/** One query of the workload. */
export interface BenchQuery {
  name: string;
  what: string;
  /** Variables of one request. */
  variables(pools: Pools, r: () => number): Record<string, unknown>;
  ours: string;
  /** The @neo4j/graphql document, or why its generated schema cannot express the query. */
  library: { query: string; variables?(v: Record<string, unknown>): Record<string, unknown> } | { cannot: string };
  /** The statements this server runs for the query, in order, answered as JSON. */
  raw(run: RawRun, v: Record<string, any>): Promise<unknown>;
}

const SKEW = 3;
/** Picks from a popularity-ordered list with the generator's skew. */
export function skewedPick<T>(list: T[], r: () => number): T {
  return list[Math.min(list.length - 1, Math.floor(list.length * r() ** SKEW))]!;
}

/** Picks uniformly. */
export function uniformPick<T>(list: T[], r: () => number): T {
  return list[Math.floor(r() * list.length)]!;
}

const uniq = (ids: string[]) => [...new Set(ids)];

let schema: GraphQLSchema | undefined;
const plans = new Map<string, { parts: Record<string, string>; params: Record<string, unknown> }>();

/**
 * The statement our server runs for `query` (an `entity(id: $id)` query): its planner's plan,
 * composed (src/graphql/plan.ts, src/db/compose.ts), made once per query — a plan does not depend
 * on the id, which is a parameter.
 */
function plannedStatement(query: string): { parts: Record<string, string>; params: Record<string, unknown> } {
  let done = plans.get(query);
  if (!done) {
    const doc = parse(query);
    const operation = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
    const fragments = Object.fromEntries(doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
    const root = operation.selectionSet.selections[0] as FieldNode;
    const plan = planEntity('', { schema: (schema ??= buildSchema()), fieldNodes: [root], fragments, variableValues: {}, operation }, 500);
    if (!plan) throw new Error(`the planner makes no plan for ${query}`);
    done = { parts: composeEntityPlan(plan.plan, loadFragments(path.join(__dirname, '..', 'cypher'))), params: plan.params };
    plans.set(query, done);
  }
  return done;
}

/** Runs the planner's one statement for the `ours` query of `name` (as our server does), for entity `id`. */
async function planned(run: RawRun, name: string, id: string): Promise<Record<string, any> | undefined> {
  const { parts, params } = plannedStatement(WORKLOAD.find((q) => q.name === name)!.ours);
  return (await run('plan/entity', { ...params, id }, parts))[0];
}

/** Two levels of relationships in the one statement our planner runs for them. */
async function twoLevels(run: RawRun, name: string, id: string) {
  const row = await planned(run, name, id);
  if (!row) return null;
  return {
    entity: row.entity,
    totalCount: row.level.total,
    relationships: (row.level.page as any[]).map((r) => ({ ...r, other: { ...r.other, relationships: r.levels[0].page } })),
  };
}

/** The workload, in the order it runs. */
export const WORKLOAD: BenchQuery[] = [
  {
    name: 'lookup',
    what: 'one entity by id',
    variables: (p, r) => ({ id: uniformPick(p.any, r) }),
    ours: `query Lookup($id: ID!) { entity(id: $id) { id kind name aliases description date } }`,
    library: { query: `query Lookup($id: ID!) { entities(where: { id: { eq: $id } }) { id kind name aliases description date } }` },
    raw: async (run, v) => (await run('entity/by-ids', { ids: [v.id] }))[0]?.entity ?? null,
  },
  {
    name: 'search',
    what: 'full-text search over names and aliases, 10 hits',
    variables: (p, r) => ({ text: uniformPick(p.searchWords, r) }),
    ours: `query Search($text: String!) { search(text: $text, first: 10) { score matched entity { id name kind } } }`,
    // The library passes the phrase to Lucene as it is: it gets the query this server builds from the text.
    library: {
      query: `query Search($phrase: String!) { searchEntities(phrase: $phrase, first: 10) { edges { score node { id name kind } } } }`,
      variables: (v) => ({ phrase: luceneQuery(v.text as string) }),
    },
    raw: async (run, v) => run('graph/search', { query: luceneQuery(v.text), kinds: null, limit: 10 }),
  },
  {
    name: 'complaints-2-levels',
    what: 'regulator → complaints filed with it (20) → who filed each and against whom (10)',
    variables: (p, r) => ({ id: skewedPick(p.regulators, r) }),
    ours: `query Complaints($id: ID!) { entity(id: $id) { id name
      relationships(types: ["FILED_WITH"], direction: IN, first: 20) { totalCount edges { node { type node { id name kind
        relationships(types: ["FILED_BY", "AGAINST"], direction: OUT, first: 10) { edges { node { type node { id name kind } } } } } } } } } }`,
    library: {
      query: `query Complaints($id: ID!) { entities(where: { id: { eq: $id } }) { id name
        filedWithInConnection { totalCount }
        filedWithIn(limit: 20, sort: [{ name: ASC }]) { id name kind
          filedBy(limit: 10) { id name kind } against(limit: 10) { id name kind } } } }`,
    },
    raw: (run, v) => twoLevels(run, 'complaints-2-levels', v.id),
  },
  {
    name: 'neighbours-2-levels',
    what: 'entity → relationships of any type (20) → node → its relationships (5)',
    variables: (p, r) => ({ id: skewedPick(p.companies, r) }),
    ours: `query Neighbours($id: ID!) { entity(id: $id) { id name
      relationships(first: 20) { totalCount edges { node { type direction node { id name kind
        relationships(first: 5) { edges { node { type direction node { id name } } } } } } } } } }`,
    library: {
      cannot:
        'a relationship field has one fixed type and direction; "all relationships of any type" needs one field per type and direction (56) at each level',
    },
    raw: (run, v) => twoLevels(run, 'neighbours-2-levels', v.id),
  },
  {
    name: 'claims-with-sources',
    what: 'claims about an entity (20), with claimant and sources (document + quote)',
    variables: (p, r) => ({ id: skewedPick(p.subjects, r) }),
    ours: `query ClaimsAbout($id: ID!) { entity(id: $id) { id name
      claimsAbout(first: 20) { totalCount edges { node { id text polarity madeOn claimant { id name }
        sources { quote document { id name } } } } } } }`,
    library: {
      query: `query ClaimsAbout($id: ID!) { entities(where: { id: { eq: $id } }) { id name
        claimsAboutConnection { totalCount }
        claimsAbout(limit: 20, sort: [{ madeOn: ASC }, { id: ASC }]) { id text polarity madeOn claimant { id name }
          sourceQuotes sourceDocuments { id name } } } }`,
    },
    raw: async (run, v) => {
      // The one statement our planner runs for this shape.
      const row = await planned(run, 'claims-with-sources', v.id);
      if (!row) return null;
      const claims = row.level.page as any[];
      const found = row.level.ends as any[];
      const byId = new Map(found.map((e) => [e.id, e]));
      return {
        entity: row.entity,
        totalCount: row.level.total,
        claims: claims.map((c) => ({
          ...c,
          claimant: byId.get(c.claimantId),
          sources: (c.sourceDocs as string[]).map((d, i) => ({ document: byId.get(d), quote: c.sourceQuotes[i] })),
        })),
      };
    },
  },
  {
    name: 'contradictions',
    what: 'disputed propositions about an entity, with the claims on each side and their claimants',
    variables: (p, r) => ({ about: skewedPick(p.subjects, r) }),
    ours: `query Contradictions($about: ID!) { contradictions(about: $about) { proposition { id text }
      affirming { id text claimant { id name } } denying { id text claimant { id name } } } }`,
    library: {
      query: `query Contradictions($about: ID!) { propositions(
          where: { AND: [
            { claims: { some: { polarity: { eq: "AFFIRMS" } } } },
            { claims: { some: { polarity: { eq: "DENIES" } } } },
            { claims: { some: { subjects: { some: { id: { eq: $about } } } } } } ] },
          sort: [{ id: ASC }]) { id text
        affirming: claims(where: { polarity: { eq: "AFFIRMS" } }, sort: [{ madeOn: ASC }]) { id text claimant { id name } }
        denying: claims(where: { polarity: { eq: "DENIES" } }, sort: [{ madeOn: ASC }]) { id text claimant { id name } } } }`,
    },
    raw: async (run, v) => {
      const rows = await run('claim/contradictions', { about: v.about });
      if (rows.length === 0) return [];
      // Every claim on each proposition; the sides leave questions out, as Query.contradictions does.
      const sides = rows.map((row) => {
        const counted = (row.claims as any[]).filter((c) => c.kind !== 'QUESTION');
        return { affirming: counted.filter((c) => c.polarity === 'AFFIRMS'), denying: counted.filter((c) => c.polarity === 'DENIES') };
      });
      const claims = sides.flatMap((s) => [...s.affirming, ...s.denying]);
      const [props, people] = await Promise.all([
        run('claim/propositions-by-ids', { ids: rows.map((row) => row.propositionId) }),
        run('entity/by-ids', { ids: uniq(claims.map((c) => c.claimantId)) }),
      ]);
      const prop = new Map(props.map((p) => [p.proposition.id, p.proposition]));
      const who = new Map(people.map((p) => [p.entity.id, p.entity]));
      const side = (list: any[]) => list.map((c) => ({ id: c.id, text: c.text, claimant: who.get(c.claimantId) }));
      return rows.map((row, i) => ({ proposition: prop.get(row.propositionId), affirming: side(sides[i]!.affirming), denying: side(sides[i]!.denying) }));
    },
  },
  {
    name: 'subgraph-depth-2',
    what: 'neighbourhood of an entity to depth 2 (at most 200 nodes), nodes and edges',
    variables: (p, r) => ({ center: uniformPick(p.any, r) }),
    ours: `query Subgraph($center: ID!) { subgraph(center: $center, depth: 2, limit: 200, includeClaims: false) {
      truncated nodes { id label kind distance } edges { id source target type } } }`,
    library: { cannot: 'no variable-length or any-type traversal in the generated schema (only a hand-written @cypher field could)' },
    raw: async (run, v) =>
      (await run('graph/subgraph', { center: v.center, depth: 2, limit: 200, includeClaims: false, asOf: null, kinds: null }))[0] ?? null,
  },
  {
    name: 'shortest-path',
    what: 'shortest path (up to 6 hops) from an entity to a popular company, with each step',
    variables: (p, r) => ({ from: uniformPick(p.any, r), to: skewedPick(p.companies, r) }),
    ours: `query Path($from: ID!, $to: ID!) { path(from: $from, to: $to, maxHops: 6) { length steps { from to type direction } } }`,
    library: { cannot: 'no shortest-path query in the generated schema (only a hand-written @cypher field could)' },
    raw: async (run, v) => {
      if (v.from === v.to) return (await run('entity/by-ids', { ids: [v.from] }))[0] ?? null;
      return (await run('graph/path', { from: v.from, to: v.to, maxHops: 6, asOf: null }))[0] ?? null;
    },
  },
];
