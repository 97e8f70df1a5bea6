/**
 * The planner's composer (src/db/compose.ts), pinned: for representative plans, the lines it
 * writes around the fragments (scopes, names, map projections), and that what it returns is whole
 * Cypher — no include or slot left, every value a parameter. test/unit/plan.test.ts pins the plans
 * the planner makes from selections; test/integration/cypher-calls.int.test.ts runs them.
 */
import path from 'node:path';
import { composeEntityPlan, EntityPlan, projectionOf, RelationshipsLevel } from '../../src/db/compose';
import { loadCypher, loadFragments } from '../../src/db/cypher';
import { composeStatement } from '../../src/db/executor';

const dir = path.resolve(__dirname, '../../cypher');
const fragments = loadFragments(dir);
const file = loadCypher(dir).get('plan/entity')!.text;
const statement = (plan: EntityPlan) => composeStatement('plan/entity', file, composeEntityPlan(plan, fragments));
/** The lines the composer shapes (not those of the shared fragments, which test/unit/cypher-files.test.ts pins). */
const shaped = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^(MATCH|CALL \((e|o\d)[),]|UNWIND sorted|WITH (e|o\d), x|WITH found|RETURN collect\((r\d|x) |RETURN \{|RETURN e |WITH total)/.test(l));

const rel = (arg: number, below: RelationshipsLevel[] = [], relationship: RelationshipsLevel['relationship'] = ['id'], other: RelationshipsLevel['other'] = ['id', 'kind', 'name']): RelationshipsLevel => ({
  kind: 'relationships',
  arg,
  relationship,
  other,
  below,
});

describe('composeEntityPlan', () => {
  it('writes two relationships levels (complaints-2-levels) as nested CALL subqueries returning only the properties asked', () => {
    const text = statement({ entity: ['id', 'kind', 'name'], level: rel(0, [rel(1)]) });
    expect(shaped(text)).toEqual([
      'MATCH (e:Entity {id: $id})',
      'CALL (e) {',
      'MATCH (e)-[r1]-(o1:Entity)',
      'WITH found, $levels[0].page AS pg',
      'CALL (e, sorted, lo, hi) {',
      'UNWIND sorted[lo..hi] AS x1',
      'WITH e, x1.e[0] AS r1, x1.e[1] AS o1, x1.k AS k1',
      'CALL (o1) {',
      'MATCH (o1)-[r2]-(o2:Entity)',
      'WITH found, $levels[1].page AS pg',
      'CALL (o1, sorted, lo, hi) {',
      'UNWIND sorted[lo..hi] AS x2',
      'WITH o1, x2.e[0] AS r2, x2.e[1] AS o2, x2.k AS k2',
      "RETURN collect(r2 {.id, type: type(r2), direction: CASE WHEN startNode(r2) = o1 THEN 'OUT' ELSE 'IN' END, otherId: o2.id, fromId: startNode(r2).id, toId: endNode(r2).id, other: o2 {.id, .kind, .name}, levels: []}) AS page, collect(k2) AS keys",
      'RETURN {total: total, page: page, keys: keys, hasPrevious: hasPrevious, hasNext: hasNext} AS level_0',
      "RETURN collect(r1 {.id, type: type(r1), direction: CASE WHEN startNode(r1) = e THEN 'OUT' ELSE 'IN' END, otherId: o1.id, fromId: startNode(r1).id, toId: endNode(r1).id, other: o1 {.id, .kind, .name}, levels: [level_0]}) AS page, collect(k1) AS keys",
      'RETURN {total: total, page: page, keys: keys, hasPrevious: hasPrevious, hasNext: hasNext} AS level',
      'RETURN e {.id, .kind, .name} AS entity, level',
    ]);
    // The rule and the filters of each level are the fragments', under the level's names.
    expect(text).toContain("AND ($levels[1].direction = 'BOTH' OR ($levels[1].direction = 'OUT') = (startNode(r2) = o1))");
    expect(text).toContain('startNode(r2).inForceFrom[i] <= $levels[1].asOf AND $levels[1].asOf <= startNode(r2).inForceTo[i]');
  });

  it('writes several argument sets below a level side by side, each its own subquery and map, and deeper levels inside them', () => {
    const text = statement({ entity: '*', level: rel(0, [rel(1, [rel(2)]), rel(3, [], '*', '*')]) });
    expect(text).toContain('levels: [level_0, level_1]');
    expect(text).toContain('levels: [level_0_0]');
    expect(text).toContain('MATCH (o2)-[r3]-(o3:Entity)');
    expect(text).toContain('$levels[3].types');
    expect(text).toContain("RETURN collect(r2 {.*, type: type(r2), direction: CASE WHEN startNode(r2) = o1 THEN 'OUT' ELSE 'IN' END, otherId: o2.id, fromId: startNode(r2).id, toId: endNode(r2).id, other: o2 {.*}, levels: []})");
    expect(text.trim()).toMatch(/RETURN e \{\.\*\} AS entity, level$/);
  });

  it('writes a claims level with its ends (claims-with-sources), or without them when neither claimant nor a source document is asked', () => {
    const withEnds = statement({ entity: ['id', 'kind', 'name'], level: { kind: 'claims', arg: 0, claim: ['claimantId', 'id', 'text'], ends: ['id', 'kind', 'name'] } });
    expect(shaped(withEnds)).toEqual([
      'MATCH (e:Entity {id: $id})',
      'CALL (e) {',
      'MATCH (c:Claim)-[:ABOUT]->(e)',
      'WITH found, $levels[0].page AS pg',
      'WITH total, [x IN sorted[lo..hi] | x.e] AS slice, [x IN sorted[lo..hi] | x.k] AS keys, hasPrevious, hasNext',
      'MATCH (x:Entity {id: endId})',
      'RETURN collect(x {.id, .kind, .name}) AS ends',
      'RETURN {total: total, page: [c IN slice | c {.claimantId, .id, .text}], keys: keys, hasPrevious: hasPrevious, hasNext: hasNext, ends: ends} AS level',
      'RETURN e {.id, .kind, .name} AS entity, level',
    ]);
    expect(withEnds).toContain('UNWIND CASE WHEN true THEN slice ELSE [] END AS c');
    expect(statement({ entity: ['id'], level: { kind: 'claims', arg: 0, claim: '*', ends: null } })).toContain('UNWIND CASE WHEN false THEN slice ELSE [] END AS c');
  });

  it('leaves no include or slot, and every value a parameter ($id, $levels[i])', () => {
    for (const plan of [
      { entity: ['id'], level: rel(0, [rel(1, [rel(2)])]) },
      { entity: '*', level: { kind: 'claims', arg: 0, claim: '*', ends: '*' } },
    ] as EntityPlan[]) {
      const text = statement(plan);
      expect(text).not.toMatch(/\{\{|__[A-Z]+__/);
      const params = new Set([...text.replace(/^\/\/.*$/gm, '').matchAll(/\$[A-Za-z_]+(\[\d+\])?/g)].map((m) => m[0]));
      expect([...params].every((p) => p === '$id' || /^\$levels\[\d\]$/.test(p))).toBe(true);
    }
  });

  it('projects property names only, sorted and once each; refuses anything else', () => {
    expect(projectionOf(['name', 'id', 'name'])).toBe('.id, .name');
    expect(projectionOf('*')).toBe('.*');
    expect(() => projectionOf(['id} RETURN 1 //'])).toThrow('is not a property name');
  });
});
