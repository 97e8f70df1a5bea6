/**
 * `npm run bench:counts -- --size 100000`: the count questions (totalCount, entityCounts,
 * decisionStats, claimStats) asked of this server and of @neo4j/graphql over one bench store,
 * every Cypher statement each sends captured at the driver and run again under PROFILE: the db
 * hits (summed over the plan and over a question's statements) and the plan's leaves. Both
 * servers run in this process so that one patch of neo4j-driver sees both; nothing is timed.
 */
import fs from 'node:fs';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import pino from 'pino';
import { graphql } from 'graphql';
import { Neo4jGraphQL } from '@neo4j/graphql';
import { openStore } from './store';
import { loadConfig } from '../src/config';
import { connect } from '../src/db/connect';
import { startServer } from '../src/server';

/** One question, as each side asks it (null: the library cannot). */
const QUESTIONS: { name: string; ours: string; library: string | null }[] = [
  { name: 'entities totalCount', ours: '{ entities { totalCount } }', library: '{ entitiesConnection { totalCount } }' },
  { name: 'complaints totalCount', ours: '{ entities(kind: COMPLAINT) { totalCount } }', library: '{ entitiesConnection(where: {kind: {eq: "COMPLAINT"}}) { totalCount } }' },
  { name: 'claims totalCount', ours: '{ claims { totalCount } }', library: '{ claimsConnection { totalCount } }' },
  {
    name: 'entityCounts (19 kinds)',
    ours: '{ entityCounts { kind count } }',
    library: `{ ${['COMPANY', 'PRODUCT', 'REGULATOR', 'POLICE', 'GOVERNMENT', 'LEGISLATURE', 'COURT', 'POLITICAL_PARTY', 'NGO', 'MEDIA', 'PERSON', 'COUNTRY', 'LAW', 'POLICY', 'PRACTICE', 'COMPLAINT', 'DECISION', 'EVENT', 'DOCUMENT']
      .map((k) => `${k.toLowerCase()}: entitiesConnection(where: {kind: {eq: "${k}"}}) { totalCount }`)
      .join(' ')} }`,
  },
  { name: 'claims about clearview-ai totalCount', ours: '{ claims(about: "clearview-ai") { totalCount } }', library: '{ claimsConnection(where: {subjects: {some: {id: {eq: "clearview-ai"}}}}) { totalCount } }' },
  { name: 'decisionStats(groupBy: YEAR)', ours: '{ decisionStats(groupBy: YEAR) { key count sumEur } }', library: null },
  {
    name: 'claimStats(groupBy: STATUS)',
    ours: '{ claimStats(groupBy: STATUS) { key count } }',
    library: `{ ${['UNCONTESTED', 'CORROBORATED', 'DISPUTED'].map((s) => `${s.toLowerCase()}: claimsConnection(where: {status: {eq: "${s}"}}) { totalCount }`).join(' ')} }`,
  },
];

/** Every statement run through neo4j-driver while `capturing` is set. */
let capturing: { text: string; params: Record<string, unknown> }[] | null = null;
for (const proto of [(neo4j as any).Session.prototype, (neo4j as any).Transaction.prototype]) {
  const run = proto.run;
  proto.run = function (this: unknown, text: string, params: Record<string, unknown>, ...rest: unknown[]) {
    if (capturing && !/^\s*(PROFILE|EXPLAIN|CALL db\.|RETURN 1)/i.test(text)) capturing.push({ text, params: params ?? {} });
    return run.call(this, text, params, ...rest);
  };
}

interface Plan {
  operatorType: string;
  dbHits?: number;
  children: Plan[];
}
const hits = (p: Plan): number => (p.dbHits ?? 0) + p.children.reduce((a, c) => a + hits(c), 0);
const leaves = (p: Plan): string[] => (p.children.length === 0 ? [p.operatorType.replace(/@.*/, '')] : p.children.flatMap(leaves));

async function main(): Promise<void> {
  const sizeArg = process.argv.indexOf('--size');
  const size = sizeArg > 0 ? Number(process.argv[sizeArg + 1]) : 100_000;
  const store = await openStore(size, { commitEvery: null });
  const password = fs.readFileSync(store.credentials.NEO4J_PASSWORD_FILE!, 'utf8').trim();
  const config = loadConfig({ NEO4J_URI: store.uri, NEO4J_PASSWORD: password, PORT: '0', LOG_LEVEL: 'silent', SEED_ON_START: 'false', METRICS: 'false', RATE_LIMIT_PER_MINUTE: '0', QUERY_TIMEOUT_MS: '600000' });
  const conn = await connect(config, () => undefined);
  const server = await startServer(config, conn.db, pino({ level: 'silent' }));
  const driver = neo4j.driver(store.uri, neo4j.auth.basic('neo4j', password));
  const library = await new Neo4jGraphQL({ typeDefs: fs.readFileSync(path.join(__dirname, 'servers', 'library.graphql'), 'utf8'), driver }).getSchema();
  const profiler = neo4j.driver(store.uri, neo4j.auth.basic('neo4j', password));

  const ask = async (side: 'ours' | 'library', query: string): Promise<{ answer: unknown; statements: number; dbHits: number; leaves: string[] }> => {
    capturing = [];
    let answer: any;
    if (side === 'ours') {
      answer = await (await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) })).json();
    } else {
      answer = await graphql({ schema: library, source: query, contextValue: {} });
    }
    if (answer.errors) throw new Error(`${side}: ${JSON.stringify(answer.errors)}`);
    const statements = capturing;
    capturing = null;
    let dbHits = 0;
    const all: string[] = [];
    const session = profiler.session();
    try {
      for (const s of statements) {
        const summary = await session.run(`PROFILE ${s.text}`, s.params).summary();
        dbHits += hits(summary.profile as unknown as Plan);
        all.push(...leaves(summary.profile as unknown as Plan));
      }
    } finally {
      await session.close();
    }
    return { answer: answer.data, statements: statements.length, dbHits, leaves: [...new Set(all)] };
  };

  const rows: string[] = ['| question | ours: db hits (statements) | ours: plan leaves | @neo4j/graphql: db hits (statements) | library: plan leaves |', '| --- | ---: | --- | ---: | --- |'];
  try {
    for (const q of QUESTIONS) {
      const ours = await ask('ours', q.ours);
      const lib = q.library ? await ask('library', q.library) : null;
      rows.push(
        `| ${q.name} | ${ours.dbHits.toLocaleString('en')} (${ours.statements}) | ${ours.leaves.join(', ')} | ` +
          (lib ? `${lib.dbHits.toLocaleString('en')} (${lib.statements}) | ${lib.leaves.join(', ')} |` : 'cannot express | |'),
      );
      process.stderr.write(`${q.name}: ours ${JSON.stringify(ours.answer).slice(0, 160)}\n${lib ? `  library ${JSON.stringify(lib.answer).slice(0, 160)}\n` : ''}`);
    }
    process.stdout.write(`\n### Count questions at ${size.toLocaleString('en')} nodes (PROFILE db hits)\n\n${rows.join('\n')}\n`);
  } finally {
    await server.stop();
    await conn.close();
    await driver.close();
    await profiler.close();
    await store.stop();
  }
}

main().catch((err) => {
  process.stderr.write(`bench:counts: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
