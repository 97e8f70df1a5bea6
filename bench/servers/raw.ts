/**
 * The floor: no GraphQL. A bare node:http server that answers POST /q/<query> (JSON variables)
 * by running the same Cypher files this server runs for that query, through neo4j-driver, one
 * auto-commit read per statement as the executor does (Executor.read), and returns JSON.
 * Usage: raw.ts <bolt uri>
 */
import http from 'node:http';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import { loadCypher } from '../../src/db/cypher';
import { composeStatement, toParams, toPlain } from '../../src/db/executor';
import { WORKLOAD, RawRun } from '../workload';
import { neo4jAuth, reportToHarness } from './child';

async function main(): Promise<void> {
  const uri = process.argv[2];
  if (!uri) throw new Error('usage: raw.ts <bolt uri>');
  const driver = neo4j.driver(uri, neo4jAuth());
  const cypher = loadCypher(path.join(__dirname, '..', '..', 'cypher'));
  const count = { value: 0 };
  const run: RawRun = async (name, params, parts) => {
    const file = cypher.get(name)?.text;
    if (!file) throw new Error(`no statement ${name}`);
    const text = parts ? composeStatement(name, file, parts) : file;
    count.value++;
    const session = driver.session({ defaultAccessMode: neo4j.session.READ });
    try {
      const result = await session.run(text, toParams(params));
      return result.records.map((r) => toPlain(r.toObject()));
    } finally {
      await session.close();
    }
  };
  const queries = new Map(WORKLOAD.map((q) => [q.name, q]));
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const q = queries.get(req.url?.replace(/^\/q\//, '') ?? '');
      try {
        if (!q || req.method !== 'POST') throw new Error(`no query ${req.url}`);
        const data = await q.raw(run, JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'));
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data }));
      } catch (err) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: (err as Error).message }] }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  reportToHarness((server.address() as { port: number }).port, count);
}

main().catch((err) => {
  process.stderr.write(`raw: ${(err as Error).stack}\n`);
  process.exit(1);
});
