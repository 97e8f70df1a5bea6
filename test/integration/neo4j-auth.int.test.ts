/**
 * Issue 11 item 3: the embedded Neo4j asks for a password (generated, kept in a mode-600 file in
 * its data folder), refuses file URLs, and loads only the procedures the project calls. Against
 * the run's real embedded Neo4j (test/support/global-setup.ts), over Bolt like any local process.
 */
import fs from 'node:fs';
import path from 'node:path';
import neo4j, { Driver } from 'neo4j-driver';
import { loadConfig } from '../../src/config';
import { neo4jTarget } from '../../src/db/connect';

const config = loadConfig({ ...process.env });
const target = neo4jTarget(config);
// The run's own embedded Neo4j (global-setup) is on loopback; a NEO4J_URI server elsewhere is not ours to probe.
const maybe = /^bolt:\/\/(127\.0\.0\.1|localhost):/.test(target.uri) ? describe : describe.skip;

async function run(driver: Driver, cypher: string): Promise<unknown[]> {
  const session = driver.session();
  try {
    return (await session.run(cypher)).records.map((r) => r.toObject());
  } finally {
    await session.close();
  }
}

maybe('the embedded Neo4j', () => {
  let driver: Driver;
  beforeAll(() => {
    driver = neo4j.driver(target.uri, neo4j.auth.basic(target.user!, target.password!), { disableLosslessIntegers: true });
  });
  afterAll(async () => {
    await driver?.close();
  });

  it('keeps its generated password in a file only its owner can read', () => {
    const file = (config.neo4j as { passwordFile: string | null }).passwordFile!;
    expect(path.basename(file)).toBe('neo4j-password');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(target.password!.length).toBeGreaterThanOrEqual(16);
  });

  it.each([
    ['no credentials', undefined],
    ["Neo4j's initial neo4j/neo4j", neo4j.auth.basic('neo4j', 'neo4j')],
    ['a wrong password', neo4j.auth.basic('neo4j', 'not-the-password')],
  ])('refuses a Bolt connection with %s', async (_what, auth) => {
    const stranger = neo4j.driver(target.uri, auth);
    try {
      await expect(run(stranger, 'RETURN 1 AS one')).rejects.toThrow(/auth|credentials|unauthorized/i);
    } finally {
      await stranger.close();
    }
  });

  it('answers with the password of the file', async () => {
    expect(await run(driver, 'RETURN 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('refuses LOAD CSV from a file URL', async () => {
    const file = `file://${path.resolve(__dirname, '..', '..', 'package.json')}`;
    await expect(run(driver, `LOAD CSV FROM '${file}' AS line RETURN line LIMIT 1`)).rejects.toThrow(/file|URL|not allowed|import/i);
  });

  // Neo4j's built-in procedures (db.*, dbms.*) are part of the server; the allowlist governs plugins.
  it.each([['CALL apoc.help("load")'], ['RETURN apoc.text.join(["a"], ",") AS x'], ['CALL apoc.load.json("file:///etc/passwd")'], ['CALL apoc.cypher.runFirstColumnMany("RETURN 1", {})']])(
    'does not load an APOC procedure or function the project does not call: %s',
    async (cypher) => {
      await expect(run(driver, cypher)).rejects.toThrow(/no procedure|unknown function|not registered|not found/i);
    },
  );

  it('runs the procedures the project calls', async () => {
    await expect(run(driver, 'CALL db.awaitIndexes(10)')).resolves.toEqual([]);
    await expect(run(driver, 'CALL dbms.components() YIELD name RETURN name')).resolves.toEqual([{ name: 'Neo4j Kernel' }]);
    await expect(run(driver, 'RETURN apoc.util.validatePredicate(false, "x", []) AS ok')).resolves.toEqual([{ ok: true }]);
  });
});
