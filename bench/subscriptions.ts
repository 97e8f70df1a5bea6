/**
 * Subscriptions under load: one server, N graphql-ws subscribers (Subscription.changes, every
 * write), W curators writing at once. Reports the events per second the server delivered (all
 * subscribers together) and the delay from a write's commit (its audit entry's `at`, taken last in
 * its transaction) to each subscriber's receipt, p50/p99/max. Server and clients share this
 * process (and its event loop): the delays include the clients' own work.
 *
 *   npm run bench:subscriptions -- [--subscribers 100] [--writers 4] [--writes 200] [--neo4j-uri bolt://…]
 *
 * Without --neo4j-uri it starts an embedded Neo4j in a temporary folder on port 7697.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
import { loadConfig } from '../src/config';
import { applyDatabaseSchema, connect } from '../src/db/connect';
import { startServer } from '../src/server';
import { defaultSeedOptions, seedPaths } from '../src/seed/seeder';

function option(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main(): Promise<void> {
  const subscribers = option('subscribers', 100);
  const writers = option('writers', 4);
  const writes = option('writes', 200);
  const uriAt = process.argv.indexOf('--neo4j-uri');
  const token = 'bench-curator-token-0123456789';
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'frr-bench-subs-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '0',
    MAX_SUBSCRIPTIONS: String(subscribers + 10),
    API_TOKENS: `bench:curator:${token}`,
    QUERY_TIMEOUT_MS: '120000',
    ...(uriAt > 0 ? { NEO4J_URI: process.argv[uriAt + 1] } : { NEO4J_DATA_DIR: dataDir, NEO4J_EMBEDDED_PORT: '7697' }),
  };
  const config = loadConfig(env);
  const conn = await connect(config, (m) => process.stderr.write(`${m}\n`));
  await applyDatabaseSchema(conn.db);
  await conn.db.write('admin/wipe');
  const seeded = await seedPaths(conn.db, [config.seedPath], defaultSeedOptions(config.rootDir));
  if (seeded.problems.length > 0) throw new Error('the seed is refused');
  const server = await startServer(config, conn.db, pino({ level: 'silent' }));
  const base = `http://127.0.0.1:${server.port}`;

  const delays: number[] = [];
  let received = 0;
  const clients = Array.from({ length: subscribers }, () => createClient({ url: `${base.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 }));
  const ready = clients.map(
    (c) =>
      new Promise<void>((resolve) => {
        let first = true;
        c.subscribe(
          { query: 'subscription { changes { cursor at operation entityIds } }' },
          {
            next: (r: any) => {
              if (first) return ((first = false), resolve());
              received++;
              delays.push(Date.now() - Date.parse(r.data.changes.at));
            },
            error: (e) => process.stderr.write(`subscriber error ${JSON.stringify(e)}\n`),
            complete: () => undefined,
          },
        );
      }),
  );
  const write = (i: number) =>
    fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: 'mutation E($input: EntityInput!) { upsertEntity(input: $input) { id } }',
        variables: {
          input: {
            id: `bench-sub-${i < 0 ? "prime" : i}`,
            kind: 'COMPANY',
            name: `Bench ${i}`,
            sources: [{ documentId: 'ah-tk-20212022-105', quote: 'Antwoord van Minister Dekker (Rechtsbescherming), mede namens de Minister van Justitie en Veiligheid (ontvangen 28 september 2021).' }],
          },
        },
      }),
    }).then(async (r) => {
      const body = (await r.json()) as { errors?: unknown };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
    });
  // One priming write: every subscriber is connected and live once it has seen it.
  await write(-1);
  await Promise.all(ready);

  const started = Date.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: writers }, async () => {
      while (next < writes) await write(next++);
    }),
  );
  const written = Date.now();
  const expected = writes * subscribers;
  const deadline = Date.now() + 120_000;
  while (received < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const done = Date.now();
  const sorted = [...delays].sort((a, b) => a - b);
  const line = {
    subscribers,
    writers,
    writes,
    writesPerSecond: Math.round((writes / (written - started)) * 1000 * 10) / 10,
    eventsDelivered: received,
    eventsExpected: expected,
    eventsPerSecond: Math.round((received / (done - started)) * 1000),
    delayMs: { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] },
    pollMaxMs: config.limits.subscriptionPollMs,
  };
  process.stdout.write(`bench:subscriptions ${JSON.stringify(line)}\n`);
  await Promise.all(clients.map((c) => c.dispose()));
  await server.stop();
  await conn.db.write('admin/wipe');
  await conn.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
