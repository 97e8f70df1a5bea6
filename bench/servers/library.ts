/**
 * The alternative: the Neo4j GraphQL Library (@neo4j/graphql 7) over the same Neo4j and data,
 * on the same HTTP stack as this server (Express 5 + Apollo Server 5), so that only the GraphQL
 * layer differs. Cypher calls are counted at the driver: every transaction's run().
 * Usage: library.ts <bolt uri>
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import express from 'express';
import neo4j, { Driver, ManagedTransaction, Session } from 'neo4j-driver';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { Neo4jGraphQL } from '@neo4j/graphql';
import { neo4jAuth, reportToHarness } from './child';

/** Wraps the driver so that every statement the library runs in a transaction is counted. */
function counted(driver: Driver, count: { value: number }): Driver {
  const session = driver.session.bind(driver);
  const wrapTx = (tx: ManagedTransaction): ManagedTransaction =>
    new Proxy(tx, {
      get: (target, prop, receiver) =>
        prop === 'run' ? (...args: Parameters<ManagedTransaction['run']>) => (count.value++, target.run(...args)) : Reflect.get(target, prop, receiver),
    });
  (driver as any).session = (config?: Parameters<Driver['session']>[0]): Session => {
    const s = session(config);
    const read = s.executeRead.bind(s);
    const write = s.executeWrite.bind(s);
    (s as any).executeRead = (work: (tx: ManagedTransaction) => unknown, c?: object) => read((tx) => work(wrapTx(tx)), c);
    (s as any).executeWrite = (work: (tx: ManagedTransaction) => unknown, c?: object) => write((tx) => work(wrapTx(tx)), c);
    return s;
  };
  return driver;
}

async function main(): Promise<void> {
  const uri = process.argv[2];
  if (!uri) throw new Error('usage: library.ts <bolt uri>');
  const count = { value: 0 };
  const driver = counted(neo4j.driver(uri, neo4jAuth()), count);
  const typeDefs = fs.readFileSync(path.join(__dirname, 'library.graphql'), 'utf8');
  const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();
  const app = express();
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer({ schema, includeStacktraceInErrorResponses: false });
  await apollo.start();
  app.use('/graphql', express.json({ limit: 1_000_000 }), expressMiddleware(apollo, { context: async () => ({}) }));
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  reportToHarness((httpServer.address() as { port: number }).port, count);
}

main().catch((err) => {
  process.stderr.write(`library: ${(err as Error).stack}\n`);
  process.exit(1);
});
