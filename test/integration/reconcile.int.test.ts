/**
 * The W3C Reconciliation Service API 0.2 at /reconcile, asked as OpenRefine asks it (a form POST
 * of `queries`, GETs for the manifest, suggest, extension and preview), every answer validated
 * against the spec's own JSON Schemas for 0.2 (vendored in test/fixtures/reconciliation-0.2).
 */
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { startTestServer, TestServer } from '../support/helpers';

const SCHEMAS = path.resolve(__dirname, '../fixtures/reconciliation-0.2');
const ajv = new Ajv({ strict: false, validateSchema: false, allErrors: true });
addFormats(ajv);
// The manifest's `authentication` refers to Swagger 2.0's schema; this service declares none (see the fixtures' README).
ajv.addSchema({ $id: 'http://swagger.io/v2/schema.json', definitions: { securityDefinitions: { additionalProperties: {} } } });
for (const f of fs.readdirSync(SCHEMAS).filter((n) => n.endsWith('.json'))) ajv.addSchema(JSON.parse(fs.readFileSync(path.join(SCHEMAS, f), 'utf8')), f);

/** Fails naming the schema's complaints when `data` is not valid against the vendored `schema`. */
function expectValid(schema: string, data: unknown) {
  const validate = ajv.getSchema(schema)!;
  const ok = validate(data);
  expect(ok ? [] : validate.errors).toEqual([]);
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ CORS_ORIGINS: 'https://refine.example' });
});
afterAll(async () => {
  await server?.close();
});

async function getJson(pathAndQuery: string): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(`${server.base}${pathAndQuery}`, { headers: { origin: 'https://refine.example' } });
  return { status: res.status, body: await res.json(), headers: res.headers };
}

/** A batch as OpenRefine sends it: POST, application/x-www-form-urlencoded, field `queries`. */
async function reconcile(queries: Record<string, unknown>): Promise<any> {
  expectValid('reconciliation-query-batch.json', queries);
  const res = await fetch(`${server.base}/reconcile`, { method: 'POST', body: new URLSearchParams({ queries: JSON.stringify(queries) }) });
  expect(res.status).toBe(200);
  const body = await res.json();
  expectValid('reconciliation-result-batch.json', body);
  return body;
}

describe('/reconcile (Reconciliation Service API 0.2)', () => {
  it('serves a manifest that validates, with the entity kinds as types, view, preview, suggest and extend, and CORS as the other read routes', async () => {
    const { status, body, headers } = await getJson('/reconcile');
    expect(status).toBe(200);
    expectValid('manifest.json', body);
    // The schemas do refuse: a manifest of another version, with no name, is invalid.
    expect(ajv.getSchema('manifest.json')!({ versions: ['0.1'], identifierSpace: 'x', schemaSpace: 'y' })).toBe(false);
    expect(body.versions).toEqual(['0.2']);
    expect(body.defaultTypes).toContainEqual({ id: 'REGULATOR', name: 'Regulator' });
    expect(body.view.url).toBe(`${server.config.publicUrl.replace(/\/$/, '')}/entities/{{id}}`);
    expect(Object.keys(body.suggest)).toEqual(['entity', 'property']);
    expect(headers.get('access-control-allow-origin')).toBe('https://refine.example');
  });

  it('reconciles a batch with a typo, names in French, Dutch and Italian, a case number and constraints; a decoy matches nothing', async () => {
    const body = await reconcile({
      typo: { query: 'Clearviw AI', type: 'COMPANY' },
      french: { query: "Commission nationale de l'informatique et des libertés" },
      dutch: { query: 'Autoriteit Persoonsgegevens', type: 'REGULATOR', limit: 3 },
      dutchTypo: { query: 'Autoriteit Persoonsgegvens' },
      italian: { query: 'Garante per la protezione dei dati personali', type: ['REGULATOR', 'COURT'] },
      house: { query: 'Tweede Kamer' },
      label: { query: 'Datainspektionen', properties: [{ pid: 'kind', v: 'REGULATOR' }] },
      caseNumber: { query: 'SAN-2022-019', type: 'DECISION' },
      byIdentifier: { query: 'CNIL sanction', properties: [{ pid: 'identifier', v: 'san-2022-019' }] },
      decoy: { query: 'Clearwater Analytics', type: 'COMPANY' },
      wrongType: { query: 'Hellenic DPA', type: 'COURT' },
      wrongKind: { query: 'Nationale Politie', properties: [{ pid: 'kind', v: 'COURT' }] },
    });
    const top = (k: string) => body[k].result[0];
    const matches = (k: string) => body[k].result.filter((c: any) => c.match).map((c: any) => c.id);
    expect(top('typo')).toMatchObject({ id: 'clearview-ai', match: false, type: [{ id: 'COMPANY', name: 'Company' }] });
    expect(top('typo').score).toBeGreaterThanOrEqual(80);
    expect(matches('french')).toEqual(['cnil']);
    expect(top('french')).toMatchObject({ id: 'cnil', score: 100 });
    expect(matches('dutch')).toEqual(['autoriteit-persoonsgegevens']);
    expect(body.dutch.result.length).toBeLessThanOrEqual(3);
    expect(top('dutchTypo')).toMatchObject({ id: 'autoriteit-persoonsgegevens', match: false });
    expect(matches('italian')).toEqual(['garante']);
    expect(matches('house')).toEqual(['house-of-representatives']);
    expect(matches('label')).toEqual(['imy']);
    expect(matches('caseNumber')).toEqual(['cnil-sanction-san-2022-019']);
    expect(body.byIdentifier.result.map((c: any) => c.id)).toEqual(['cnil-sanction-san-2022-019']);
    expect(matches('decoy')).toEqual([]);
    for (const c of body.decoy.result) expect(c.score).toBeLessThan(80);
    for (const k of ['wrongType']) expect(body[k].result.map((c: any) => c.id)).not.toContain('hellenic-dpa');
    for (const c of body.wrongType.result) expect(c.type).toEqual([{ id: 'COURT', name: 'Court' }]);
    expect(body.wrongKind.result.map((c: any) => c.id)).not.toContain('dutch-national-police');
    // Scores are best first within each query.
    for (const k of Object.keys(body)) {
      const scores = body[k].result.map((c: any) => c.score);
      expect(scores).toEqual([...scores].sort((a: number, b: number) => b - a));
    }
  });

  it('answers the same batch by GET', async () => {
    const queries = { q0: { query: 'Garante per la protezione dei dati personali' } };
    const { status, body } = await getJson(`/reconcile?queries=${encodeURIComponent(JSON.stringify(queries))}`);
    expect(status).toBe(200);
    expectValid('reconciliation-result-batch.json', body);
    expect(body.q0.result[0]).toMatchObject({ id: 'garante', match: true });
  });

  it('refuses bad batches naming the parameter, in the one JSON error shape', async () => {
    for (const [queries, parameter] of [
      ['{not json', 'queries'],
      [JSON.stringify({ q0: { query: 'x', type: 'SPACESHIP' } }), 'queries.q0.type'],
      [JSON.stringify({ q0: { query: 'x', properties: [{ pid: 'shoeSize', v: 1 }] } }), 'queries.q0.properties.0.pid'],
      [JSON.stringify(Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`q${i}`, { query: 'x' }]))), 'queries'],
    ] as const) {
      const { status, body } = await getJson(`/reconcile?queries=${encodeURIComponent(queries)}`);
      expect(status).toBe(400);
      expect(body.error).toMatchObject({ code: 'BAD_USER_INPUT', parameter });
    }
  });

  it('suggests entities and properties, extends rows with kind, date and identifiers, and previews an entity', async () => {
    const suggest = await getJson('/reconcile/suggest/entity?prefix=Datainsp');
    expectValid('suggest-entities-response.json', suggest.body);
    expect(suggest.body.result[0]).toMatchObject({ id: 'imy', notable: [{ id: 'REGULATOR', name: 'Regulator' }] });
    const props = await getJson('/reconcile/suggest/property?prefix=ident');
    expectValid('suggest-properties-response.json', props.body);
    expect(props.body.result.map((p: any) => p.id)).toEqual(['identifier']);
    const query = { ids: ['cnil-sanction-san-2022-019', 'no-such-entity'], properties: [{ id: 'kind' }, { id: 'date' }, { id: 'identifier' }, { id: 'country' }] };
    expectValid('data-extension-query.json', query);
    const ext = await getJson(`/reconcile?extend=${encodeURIComponent(JSON.stringify(query))}`);
    expect(ext.status).toBe(200);
    expectValid('data-extension-response.json', ext.body);
    // The country as the entities filter finds it: the issuing regulator's jurisdiction.
    expect(ext.body.rows['cnil-sanction-san-2022-019']).toEqual({ kind: [{ str: 'DECISION' }], date: [{ date: '2022-10-17T00:00:00Z' }], identifier: [{ str: 'SAN-2022-019' }], country: [{ id: 'france', name: 'France' }] });
    expect(ext.body.rows['no-such-entity']).toEqual({ kind: [], date: [], identifier: [], country: [] });
    // A country constrains a query too, by id or by name.
    for (const v of ['france', 'France', 'italy']) {
      const q = { q0: { query: 'CNIL sanction SAN-2022-019', type: 'DECISION', properties: [{ pid: 'country', v }] } };
      const { body } = await getJson(`/reconcile?queries=${encodeURIComponent(JSON.stringify(q))}`);
      expect([v, body.q0.result.some((r: any) => r.id === 'cnil-sanction-san-2022-019')]).toEqual([v, v !== 'italy']);
    }
    const proposed = await getJson('/reconcile/propose_properties?type=DECISION');
    expect(proposed.body.properties.map((p: any) => p.id)).toContain('identifier');
    const preview = await fetch(`${server.base}/reconcile/preview?id=imy`);
    expect(preview.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await preview.text()).toContain('<strong>Integritetsskyddsmyndigheten</strong>');
  });
});

describe('/reconcile as a read route', () => {
  let locked: TestServer;
  const TOKEN = 'reconcile-reader-token-0123456789abcdef';
  beforeAll(async () => {
    locked = await startTestServer({ REQUIRE_AUTH_FOR_READS: 'true', API_TOKENS: `refine:reader:${TOKEN}`, RATE_LIMIT_PER_MINUTE: '3' }, false);
  });
  afterAll(async () => {
    await locked?.close();
  });

  it('asks for a token where reads need one, and counts against the rate limit', async () => {
    const anonymous = await fetch(`${locked.base}/reconcile`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await fetch(`${locked.base}/reconcile/suggest/property?prefix=k`, { headers: { authorization: `Bearer ${TOKEN}` } })).status);
    expect(statuses.slice(0, 2)).toEqual([200, 200]);
    expect(statuses).toContain(429);
  });
});
