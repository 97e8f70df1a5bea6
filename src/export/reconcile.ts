/**
 * The W3C Reconciliation Service API, version 0.2, at /reconcile: what OpenRefine speaks to match
 * a column of names against the graph. The manifest (GET /reconcile), reconciliation query
 * batches (GET or POST, the `queries` form field), data extension (`extend`), entity and property
 * suggest, proposed properties and an HTML preview. Candidates come from the search the graph
 * already has (names, aliases, names in other languages, identifier values; fuzzy, so typos
 * still find them); scores are similarities of 0 to 100, and `match` is true only for a single
 * exact candidate. Read like /api/graph: the server's authenticator, rate limit and CORS.
 */
import express from 'express';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Executor } from '../db/executor';
import { identifiersOf, labelsOf, otherNamesOf } from '../store/rows';
import { countriesOfEntities, CountryRef, resolveEntities } from '../store/entities';
import { searchEntities } from '../store/graph';
import type * as M from '../domain/elements';
import { ENTITY_KIND_LIST, ENTITY_KINDS, isEntityKind, typeNameOfKind } from '../domain/kinds';
import { AppError, ErrorCode } from '../errors';
import type { Authenticate } from '../http/auth';
import { jsonError, sendError } from '../http/json-error';
import type { RouteModule, RoutePolicies } from '../http/route-module';
import { paramError } from '../embed/params';
import { luceneQuery, searchTextProblem, similarity } from '../graphql/search';
import { escapeHtml } from '../embed/page';

/** Most queries in one batch, and most ids in one extension request. */
const MAX_BATCH = 50;
/** Candidates per query: the default, and the most a query may ask for. */
const DEFAULT_LIMIT = 5;
const MAX_LIMIT = 25;
/** Candidates read from the index per query, before property constraints narrow them. */
const POOL = 50;

/** The properties a query may constrain and an extension may fetch. */
const PROPERTIES: { id: string; name: string; description: string }[] = [
  { id: 'kind', name: 'Kind', description: 'What the entity is: REGULATOR, DECISION, COURT …' },
  { id: 'date', name: 'Date', description: 'The date that matters: a decision, a filing, a publication (YYYY-MM-DD).' },
  { id: 'identifier', name: 'Identifier', description: 'A case number, ECLI or register id, each stated by a held text.' },
  { id: 'label', name: 'Name in another language', description: 'The name in another language, as a held text states it.' },
  { id: 'alias', name: 'Alias', description: 'Other names: acronyms, spellings used by sources.' },
  { id: 'country', name: 'Country', description: 'The country it is in or has jurisdiction over, or, for a complaint or decision, of the regulator it was filed with or issued by (as the entities filter `country`).' },
];
const PROPERTY_IDS = new Set(PROPERTIES.map((p) => p.id));

interface Candidate {
  entity: M.Entity;
  score: number;
  matched: string;
}

const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

/** The countries of entities (entity/countries), by entity id; none read unless `wanted`. */
async function countriesOf(db: Executor, ids: string[], wanted: boolean): Promise<Map<string, CountryRef[]>> {
  if (!wanted || ids.length === 0) return new Map();
  return countriesOfEntities(db, ids);
}

/** A property's values of an entity, as strings (a country by id and by name). */
function propertyValues(e: M.Entity, pid: string, countries: Map<string, CountryRef[]> = new Map()): string[] {
  switch (pid) {
    case 'country':
      return (countries.get(e.id) ?? []).flatMap((c) => [c.id, c.name]);
    case 'kind':
      return [e.kind];
    case 'date':
      return e.date ? [e.date] : [];
    case 'identifier':
      return identifiersOf(e).map((i) => i.value);
    case 'label':
      return labelsOf(e).map((l) => l.name);
    case 'alias':
      return e.aliases;
    default:
      return [];
  }
}

/** Whether the entity has one of the values (a date matches by prefix: "2022" matches 2022-10-17). */
function satisfies(e: M.Entity, pid: string, wanted: unknown, countries: Map<string, CountryRef[]>): boolean {
  const list = (Array.isArray(wanted) ? wanted : [wanted]).map((v) => (v && typeof v === 'object' ? String((v as { id?: unknown }).id ?? '') : String(v)));
  const have = propertyValues(e, pid, countries).map(fold);
  return list.some((v) => (pid === 'date' ? have.some((h) => h.startsWith(fold(v))) : have.includes(fold(v))));
}

const typeOf = (kind: string) => ({ id: kind, name: typeNameOfKind(kind) });

/** The reconciliation of one query: candidates best first, `match` only for a lone exact one. */
async function reconcileOne(db: Executor, key: string, q: any): Promise<{ result: unknown[] }> {
  const at = `queries.${key}`;
  if (!q || typeof q !== 'object' || Array.isArray(q)) throw paramError(at, 'must be an object with a query');
  if (typeof q.query !== 'string' || q.query.trim() === '') throw paramError(`${at}.query`, 'must be a non-empty string');
  const problem = searchTextProblem(q.query);
  if (problem) throw paramError(`${at}.query`, problem);
  const types = q.type === undefined ? [] : Array.isArray(q.type) ? q.type : [q.type];
  for (const t of types) if (!isEntityKind(t)) throw paramError(`${at}.type`, `"${t}" is no type of this service; types: ${ENTITY_KINDS.join(', ')}`);
  const limit = q.limit === undefined ? DEFAULT_LIMIT : Number(q.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw paramError(`${at}.limit`, `must be an integer from 1 to ${MAX_LIMIT}`);
  const constraints: { pid: string; v: unknown }[] = q.properties ?? [];
  if (!Array.isArray(constraints)) throw paramError(`${at}.properties`, 'must be a list of {pid, v}');
  constraints.forEach((c, i) => {
    if (!c || !PROPERTY_IDS.has(c.pid)) throw paramError(`${at}.properties.${i}.pid`, `must be one of ${[...PROPERTY_IDS].join(', ')}`);
  });
  const lucene = luceneQuery(q.query);
  if (!lucene) return { result: [] };
  const found = (await searchEntities(db, { query: lucene, kinds: types, limit: POOL })).map((h) => h.entity);
  const countries = await countriesOf(db, found.map((e) => e.id), constraints.some((c) => c.pid === 'country'));
  const candidates: Candidate[] = found
    .filter((e) => constraints.every((c) => satisfies(e, c.pid, c.v, countries)))
    .map((e) => {
      const best = similarity(q.query, [e.name, ...e.aliases, ...otherNamesOf(e)]);
      return { entity: e, score: best.score, matched: best.name };
    })
    .sort((a, b) => b.score - a.score || a.entity.id.localeCompare(b.entity.id))
    .slice(0, limit);
  // Certain only where one candidate is exact and none other is: two namesakes are a choice for the user.
  const exact = candidates.filter((c) => c.score === 100);
  return {
    result: candidates.map((c) => ({
      id: c.entity.id,
      name: c.entity.name,
      ...(c.entity.description ? { description: c.entity.description.slice(0, 300) } : {}),
      score: c.score,
      features: [{ id: 'name_similarity', value: c.score }],
      match: exact.length === 1 && exact[0] === c,
      type: [typeOf(c.entity.kind)],
    })),
  };
}

/** The data extension: each asked property of each id, in the spec's value shapes. */
async function extend(db: Executor, raw: unknown) {
  const q = raw as { ids?: unknown; properties?: unknown };
  if (!q || !Array.isArray(q.ids) || !q.ids.every((x) => typeof x === 'string')) throw paramError('extend.ids', 'must be a list of entity ids');
  if (q.ids.length > MAX_BATCH) throw paramError('extend.ids', `at most ${MAX_BATCH} ids`);
  if (!Array.isArray(q.properties)) throw paramError('extend.properties', 'must be a list of {id}');
  const props = q.properties.map((p: any, i: number) => {
    if (!p || !PROPERTY_IDS.has(p.id)) throw paramError(`extend.properties.${i}.id`, `must be one of ${[...PROPERTY_IDS].join(', ')}`);
    return PROPERTIES.find((x) => x.id === p.id)!;
  });
  // By id or former id: a cell reconciled before a merge still extends (with the merged entity).
  const found = await resolveEntities(db, q.ids);
  // Countries are entities of the graph (values {id, name}), read only when asked for.
  const countries = await countriesOf(db, [...found.values()].map((e) => e.id), props.some((p) => p.id === 'country'));
  const rows: Record<string, Record<string, unknown[]>> = {};
  for (const id of q.ids as string[]) {
    const e = found.get(id);
    const values = (pid: string): unknown[] => {
      if (!e) return [];
      if (pid === 'date') return propertyValues(e, 'date').map((d) => ({ date: `${d}T00:00:00Z` }));
      if (pid === 'country') return countries.get(e.id) ?? [];
      return propertyValues(e, pid).map((str) => ({ str }));
    };
    rows[id] = Object.fromEntries(props.map((p) => [p.id, values(p.id)]));
  }
  return { meta: props.map((p) => ({ id: p.id, name: p.name })), rows };
}

/** A JSON parameter of the query string or the form body. */
function jsonParam(req: express.Request, name: string): unknown {
  const raw = (req.method === 'POST' ? (req.body ?? {})[name] : undefined) ?? req.query[name];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string') throw paramError(name, 'must be given once, as JSON text');
  try {
    return JSON.parse(raw);
  } catch {
    throw paramError(name, 'is not valid JSON');
  }
}

/** The routes of /reconcile, over the server's executor and authenticator. */
function reconcileRouter(config: Config, db: Executor, log: Logger, authenticate: Authenticate): express.Router {
  const router = express.Router();
  const base = config.publicUrl.replace(/\/$/, '');
  const manifest = {
    versions: ['0.2'],
    name: 'Facial recognition regulation graph',
    identifierSpace: `${base}/entities/`,
    schemaSpace: `${base}/reconcile/schema/`,
    documentation: `${base}/graphql`,
    defaultTypes: ENTITY_KIND_LIST.map((k) => typeOf(k.kind)),
    view: { url: `${base}/entities/{{id}}` },
    preview: { url: `${base}/reconcile/preview?id={{id}}`, width: 400, height: 160 },
    suggest: {
      entity: { service_url: base, service_path: '/reconcile/suggest/entity' },
      property: { service_url: base, service_path: '/reconcile/suggest/property' },
    },
    extend: { propose_properties: { service_url: base, service_path: '/reconcile/propose_properties' }, property_settings: [] },
  };

  /** Runs `work` for an authorised caller; refusals in the one JSON error shape. */
  const handle = (work: (req: express.Request, res: express.Response) => Promise<void>) => async (req: express.Request, res: express.Response) => {
    try {
      authenticate(req.headers.authorization);
      await work(req, res);
    } catch (err) {
      sendError(res, err, log, 'reconcile');
    }
  };

  const service = handle(async (req, res) => {
    const queries = jsonParam(req, 'queries');
    const extension = jsonParam(req, 'extend');
    if (queries !== undefined) {
      if (!queries || typeof queries !== 'object' || Array.isArray(queries)) throw paramError('queries', 'must be an object of queries by key');
      const keys = Object.keys(queries);
      if (keys.length > MAX_BATCH) throw paramError('queries', `at most ${MAX_BATCH} queries in one batch, got ${keys.length}`);
      const answers: Record<string, unknown> = {};
      // One after another: a batch is one request's share of the database, not fifty at once.
      for (const key of keys) answers[key] = await reconcileOne(db, key, (queries as Record<string, unknown>)[key]);
      return void res.json(answers);
    }
    if (extension !== undefined) return void res.json(await extend(db, extension));
    res.json(manifest);
  });
  router.get('/reconcile', service);
  router.post('/reconcile', express.urlencoded({ extended: false, limit: config.limits.maxBodyBytes }), service);

  router.get(
    '/reconcile/suggest/entity',
    handle(async (req, res) => {
      const prefix = typeof req.query.prefix === 'string' ? req.query.prefix : '';
      const problem = searchTextProblem(prefix);
      if (problem) throw paramError('prefix', problem);
      const type = typeof req.query.type === 'string' && isEntityKind(req.query.type) ? [req.query.type] : null;
      const lucene = luceneQuery(prefix);
      const hits = lucene ? await searchEntities(db, { query: lucene, kinds: type, limit: 10 }) : [];
      res.json({
        result: hits.map(({ entity: e }) => {
          return { id: e.id, name: e.name, ...(e.description ? { description: e.description.slice(0, 200) } : {}), notable: [typeOf(e.kind)] };
        }),
      });
    }),
  );
  router.get(
    '/reconcile/suggest/property',
    handle(async (req, res) => {
      const prefix = fold(typeof req.query.prefix === 'string' ? req.query.prefix : '');
      res.json({ result: PROPERTIES.filter((p) => fold(p.id).startsWith(prefix) || fold(p.name).includes(prefix)) });
    }),
  );
  router.get(
    '/reconcile/propose_properties',
    handle(async (req, res) => {
      const type = typeof req.query.type === 'string' ? req.query.type : undefined;
      res.json({ ...(type ? { type } : {}), properties: PROPERTIES.map(({ id, name }) => ({ id, name })) });
    }),
  );
  router.get(
    '/reconcile/preview',
    handle(async (req, res) => {
      const id = typeof req.query.id === 'string' ? req.query.id : '';
      const e = (await resolveEntities(db, [id])).get(id);
      if (!e) return void jsonError(res, ErrorCode.NOT_FOUND, `no entity has id "${id}"`, { parameter: 'id' });
      res.type('html').send(
        `<!doctype html><html><body style="font:14px sans-serif;margin:8px"><strong>${escapeHtml(e.name)}</strong> <span>${escapeHtml(typeNameOfKind(e.kind))}${e.date ? ` · ${escapeHtml(e.date)}` : ''}</span>` +
          `${e.description ? `<p>${escapeHtml(e.description.slice(0, 400))}</p>` : ''}</body></html>`,
      );
    }),
  );
  return router;
}

/** /reconcile for OpenRefine, which calls it from the browser: CORS, by the rules of every read. */
const RECONCILE_POLICIES: RoutePolicies = { rateLimit: 'caller', cors: 'api', auth: 'token-optional' };

/** The routes of the Reconciliation Service API. */
export const reconcileRoutes: RouteModule = {
  name: 'reconcile',
  routes: [
    { path: '/reconcile', methods: ['GET', 'POST'], policies: RECONCILE_POLICIES },
    ...['/reconcile/suggest/entity', '/reconcile/suggest/property', '/reconcile/propose_properties', '/reconcile/preview'].map((path) => ({ path, methods: ['GET'] as const, policies: RECONCILE_POLICIES })),
  ],
  mount(app, { config, callerDb, log, authenticate }) {
    app.use(reconcileRouter(config, callerDb, log, authenticate));
  },
};
