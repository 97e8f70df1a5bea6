/**
 * The graph leaving the server as files: GET /api/export (JSON-LD, GraphML, CSV in a zip) of the
 * whole graph, streamed, or of one view (the URL parameters of /api/graph); GET /entities/<id>
 * (one entity's JSON-LD by content negotiation); GET /feeds/changes.atom (the change feed).
 * Authorised as /api/graph: by the server's one authenticator.
 */
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import { Zip, ZipDeflate } from 'fflate';
import type { Config } from '../config';
import type { Executor } from '../db/executor';
import type { Caller } from '../domain/caller';
import { ENTITY_KINDS } from '../domain/kinds';
import type { ClaimEdgeType } from '../domain/relationships';
import { AppError, ErrorCode } from '../errors';
import type { Authenticate } from '../http/auth';
import { sendError } from '../http/json-error';
import type { RouteModule } from '../http/route-module';
import { exportSeedFiles } from '../seed/export';
import { metrics } from '../metrics';
import { createContext } from '../graphql/context';
import { auditPage, publicAuditEntry } from '../store/audit';
import { mergedInto, storedEntities } from '../store/entities';
import { storedClaims } from '../store/claims';
import { leadingPage } from '../store/page';
import { viewLoader } from '../embed/graph';
import { parseViewParams, ViewParams } from '../embed/params';
import { atomFeed, FEED_ENTRIES } from './atom';
import { loadViewForExport, LoadedView, viewGraph, wholeGraph } from './graph';
import { claimStub, entityStub, jsonLd, LdNode, LdRefs, StubReader } from './jsonld';
import { claimNode, entityNode, ExportGraph } from './model';
import { edgesCsv, graphml, nodesCsv } from './tabular';

/** A client that went away mid-download: the export stops reading. */
class ClientGone extends Error {
  constructor() {
    super('the client closed the connection');
    this.name = 'ClientGone';
  }
}

/** Bytes gathered before a write to the socket: fewer, larger writes than one per node. */
const CHUNK = 64 * 1024;

/**
 * Writes to a response with backpressure: a write waits while the socket's buffer is full, and
 * throws ClientGone once the client has disconnected, so the generator feeding it stops and
 * reads no further page.
 */
class Sink {
  private pending = '';
  private gone = false;

  constructor(private readonly res: express.Response) {
    res.on('close', () => {
      if (!res.writableFinished) this.gone = true;
    });
  }

  async text(s: string): Promise<void> {
    this.pending += s;
    if (this.pending.length >= CHUNK) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.pending === '') return;
    const s = this.pending;
    this.pending = '';
    await this.bytes(s);
  }

  async bytes(chunk: string | Uint8Array): Promise<void> {
    if (this.gone) throw new ClientGone();
    if (this.res.write(chunk)) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        this.res.off('drain', done);
        this.res.off('close', done);
        resolve();
      };
      this.res.on('drain', done);
      this.res.on('close', done);
    });
    if (this.gone) throw new ClientGone();
  }
}

async function pipeText(chunks: AsyncIterable<string>, sink: Sink): Promise<void> {
  for await (const s of chunks) await sink.text(s);
  await sink.flush();
}

/** A zip of text files, each deflated as it is generated: nothing is held whole in memory. */
async function pipeZip(files: { name: string; chunks: AsyncIterable<string> }[], sink: Sink): Promise<void> {
  const out: Uint8Array[] = [];
  let failed: Error | null = null;
  const zip = new Zip((err, data) => {
    if (err) failed = err;
    else out.push(data);
  });
  const drain = async () => {
    if (failed) throw failed;
    while (out.length > 0) await sink.bytes(out.shift()!);
  };
  const encoder = new TextEncoder();
  for (const file of files) {
    const entry = new ZipDeflate(file.name, { level: 6 });
    zip.add(entry);
    let buffered = '';
    for await (const s of file.chunks) {
      buffered += s;
      if (buffered.length >= CHUNK) {
        entry.push(encoder.encode(buffered));
        buffered = '';
        await drain();
      }
    }
    entry.push(encoder.encode(buffered), true);
    await drain();
  }
  zip.end();
  await drain();
}

/** What a format writes from: the graph (whole or a view), and the server's means. */
interface ExportInput {
  graph: ExportGraph;
  db: Executor;
  config: Config;
  /** The loaded view; null for the whole graph. */
  view: LoadedView | null;
}

/** One export format: its media type, file extension, and writer. */
interface ExportFormat {
  contentType: string;
  extension: string;
  /** False for formats of the whole graph only (a view's parameters are refused). */
  views: boolean;
  write(input: ExportInput, sink: Sink): Promise<void>;
}

/** Stubs for what a document refers to outside itself, read by id. */
function stubReader(db: Executor, refs: LdRefs): StubReader {
  return async (entityIds, claimIds) => {
    const [entities, claims] = await Promise.all([
      storedEntities(db, entityIds),
      storedClaims(db, claimIds),
    ]);
    return [...entities.map((p) => entityStub(entityNode(p), refs)), ...claims.map((p) => claimStub(claimNode(p), refs))];
  };
}

/**
 * THE table of formats of /api/export: adding a format is adding an entry (the seed format's
 * will write export.ts's files into a zip, with `views: false`).
 */
const EXPORT_FORMATS: Record<string, ExportFormat> = {
  jsonld: {
    contentType: 'application/ld+json',
    extension: 'jsonld',
    views: true,
    write: ({ graph, db, config }, sink) => pipeText(jsonLd(graph, config.publicUrl, stubReader(db, new LdRefs(config.publicUrl))), sink),
  },
  graphml: {
    contentType: 'application/graphml+xml',
    extension: 'graphml',
    views: true,
    write: ({ graph }, sink) => pipeText(graphml(graph), sink),
  },
  csv: {
    contentType: 'application/zip',
    extension: 'zip',
    views: true,
    write: ({ graph }, sink) =>
      pipeZip(
        [
          { name: 'nodes.csv', chunks: nodesCsv(graph) },
          { name: 'edges.csv', chunks: edgesCsv(graph) },
        ],
        sink,
      ),
  },
  // The curated-JSON layout of seed/ (src/seed/export.ts), read in one transaction: what
  // `npm run export` writes, as a zip; of the whole graph only, since a view is not a seed.
  seed: {
    contentType: 'application/zip',
    extension: 'seed.zip',
    views: false,
    write: async ({ db }, sink) =>
      pipeZip(
        (await exportSeedFiles(db)).map((f) => ({ name: f.file, chunks: (async function* () { yield f.text; })() })),
        sink,
      ),
  },
};

/** The view parameters /api/export takes beside `format`: those of /api/graph. */
const VIEW_PARAMETERS = ['center', 'depth', 'limit', 'asOf', 'kinds', 'claims', 'expand'] as const;

/** The parameters a route knows; any other is refused by name rather than ignored. */
function onlyKnown(query: Record<string, unknown>, known: readonly string[]): void {
  const unknown = Object.keys(query).find((k) => !known.includes(k));
  if (unknown !== undefined) throw new AppError(ErrorCode.BAD_USER_INPUT, `${unknown}: unknown parameter; known: ${known.join(', ')}`, { parameter: unknown });
}

/** A file name from the view: frr-graph.graphml, frr-graph-clearview-ai-d2.graphml. */
function fileName(view: ViewParams | null, extension: string): string {
  if (!view) return `frr-graph.${extension}`;
  const safe = view.center.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80);
  return `frr-graph-${safe}-d${view.depth}${view.asOf ? `-${view.asOf}` : ''}.${extension}`;
}

/** The routes of exports and feeds, over the server's schema and authenticator. */
function exportRouter(config: Config, db: Executor, log: Logger, schema: GraphQLSchema, authenticate: Authenticate): express.Router {
  const loadView = viewLoader(schema, (caller) => createContext(db, config, caller));
  const router = express.Router();

  function caller(req: express.Request): Caller {
    return authenticate(req.headers.authorization);
  }

  /** A view for export, refused whole (413) when its limit cut it short: a file must hold all of what it claims to show. */
  async function view(query: Record<string, unknown>, who: Caller): Promise<LoadedView> {
    const params = parseViewParams(query, ENTITY_KINDS);
    const loaded = await loadViewForExport(db, loadView, params, who);
    if (loaded.view.truncated) {
      throw new AppError(
        ErrorCode.PAYLOAD_TOO_LARGE,
        `limit: this view has more than ${params.limit} nodes (its limit), so an export of it would be incomplete; raise limit (at most 2000), lower depth, or narrow kinds.`,
        { parameter: 'limit', limit: params.limit },
      );
    }
    return loaded;
  }

  router.get('/api/export', async (req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    let input: ExportInput;
    let format: ExportFormat;
    let formatName = '';
    try {
      const query = req.query as Record<string, unknown>;
      const who = caller(req);
      onlyKnown(query, ['format', ...VIEW_PARAMETERS]);
      if (Array.isArray(query.format)) throw new AppError(ErrorCode.BAD_USER_INPUT, 'format: must be given once', { parameter: 'format' });
      formatName = typeof query.format === 'string' ? query.format : '';
      const known = Object.keys(EXPORT_FORMATS);
      if (!formatName) throw new AppError(ErrorCode.BAD_USER_INPUT, `format: is required, one of ${known.join(', ')}`, { parameter: 'format' });
      if (!Object.hasOwn(EXPORT_FORMATS, formatName)) {
        throw new AppError(ErrorCode.BAD_USER_INPUT, `format: unknown format "${formatName.slice(0, 40)}"; known: ${known.join(', ')}`, { parameter: 'format' });
      }
      format = EXPORT_FORMATS[formatName]!;
      if (query.center === undefined) {
        // Without a centre the whole graph is exported; a view parameter alone would be silently ignored.
        const stray = VIEW_PARAMETERS.find((p) => query[p] !== undefined);
        if (stray) throw new AppError(ErrorCode.BAD_USER_INPUT, `${stray}: applies to a view, which needs center; without center the whole graph is exported`, { parameter: stray });
        input = { graph: wholeGraph(db), db, config, view: null };
      } else {
        if (!format.views) throw new AppError(ErrorCode.BAD_USER_INPUT, `center: format ${formatName} exports the whole graph only`, { parameter: 'center' });
        const loaded = await view(query, who);
        input = { graph: viewGraph(loaded), db, config, view: loaded };
      }
    } catch (err) {
      metrics.exports.record(Object.hasOwn(EXPORT_FORMATS, formatName) ? formatName : 'unknown', 'refused');
      return sendError(res, err, log, 'export');
    }
    res.setHeader('Content-Type', format.contentType + (format.contentType === 'application/zip' ? '' : '; charset=utf-8'));
    res.setHeader('Content-Disposition', `attachment; filename="${fileName(input.view?.view.view ?? null, format.extension)}"`);
    const started = Date.now();
    try {
      await format.write(input, new Sink(res));
      res.end();
      log.info({ format: formatName, view: input.view !== null, ms: Date.now() - started }, 'export');
      metrics.exports.record(formatName, 'ok', (Date.now() - started) / 1000);
    } catch (err) {
      metrics.exports.record(formatName, err instanceof ClientGone ? 'aborted' : 'failed', (Date.now() - started) / 1000);
      if (err instanceof ClientGone) return void log.info({ format: formatName }, 'export: the client left mid-download');
      // The status line is gone: cut the connection, so the client sees a failed download, not a short file that looks whole.
      log.error({ err }, 'export failed mid-stream');
      res.destroy();
    }
  });

  router.get('/entities/:id', async (req, res) => {
    res.setHeader('Vary', 'Accept');
    const id = req.params.id;
    const wants = req.accepts(['application/ld+json', 'text/html']);
    // A former id (a merged entity's) moved for good: to the entity it was merged into.
    try {
      caller(req); // by the rules of every read (a sent token must be valid; REQUIRE_AUTH_FOR_READS)
      const into = await mergedInto(db, id);
      if (into !== null) return void res.redirect(301, `/entities/${encodeURIComponent(into)}`);
    } catch (err) {
      return sendError(res, err, log, 'entity JSON-LD');
    }
    if (wants === 'text/html') {
      // A person following an @id gets the graph view of the entity.
      return void res.redirect(303, `/embed?center=${encodeURIComponent(id)}`);
    }
    if (wants !== 'application/ld+json') {
      const refusal = new AppError(ErrorCode.BAD_REQUEST, 'This URL serves application/ld+json (the entity as JSON-LD) or text/html (a redirect to its graph view).', { accept: ['application/ld+json', 'text/html'] });
      return sendError(res, refusal, log, 'entity JSON-LD', 406);
    }
    try {
      const who = caller(req);
      const loaded = await loadViewForExport(db, loadView, { center: id, depth: 1, limit: ENTITY_PAGE_LIMIT, asOf: null, kinds: null, claims: true, expand: [] }, who);
      const own = entityDocument(loaded, id);
      const refs = new LdRefs(config.publicUrl);
      const shown = new Map(loaded.nodes.map((n) => [n.id, n]));
      // Neighbours are stubs, taken from the view already read; only what lies beyond it is read again.
      const stubs: StubReader = async (entityIds, claimIds) => {
        const near = [...entityIds, ...claimIds].flatMap((x) => (shown.has(x) ? [shown.get(x)!] : []));
        const far = await stubReader(db, refs)(
          entityIds.filter((x) => !shown.has(x)),
          claimIds.filter((x) => !shown.has(x)),
        );
        return [...near.map((n): LdNode => (n.kind === 'CLAIM' ? claimStub(n, refs) : entityStub(n, refs))), ...far];
      };
      res.setHeader('Content-Type', 'application/ld+json; charset=utf-8');
      res.setHeader('Cache-Control', 'no-cache');
      let text = '';
      for await (const s of jsonLd(own, config.publicUrl, stubs)) text += s;
      res.send(text);
    } catch (err) {
      // The view's own refusal speaks of its `center` parameter, which this URL has none of.
      if (err instanceof AppError && err.code === ErrorCode.NOT_FOUND) return sendError(res, new AppError(ErrorCode.NOT_FOUND, `no entity has id "${id}"`, { id }), log, 'entity JSON-LD');
      sendError(res, err, log, 'entity JSON-LD');
    }
  });

  router.get('/feeds/changes.atom', async (req, res) => {
    try {
      const query = req.query as Record<string, unknown>;
      const who = caller(req);
      onlyKnown(query, ['entity']);
      const entity = query.entity === undefined ? null : typeof query.entity === 'string' ? query.entity.trim() : '';
      if (entity === '' || (entity !== null && entity.length > 200)) {
        throw new AppError(ErrorCode.BAD_USER_INPUT, 'entity: must be one id of at most 200 characters', { parameter: 'entity' });
      }
      const entries = (await auditPage(db, { entityId: entity, page: leadingPage(FEED_ENTRIES) })).rows;
      const shown = who.role === 'curator' ? entries : entries.map(publicAuditEntry);
      const selfUrl = `${config.publicUrl}/feeds/changes.atom${entity ? `?entity=${encodeURIComponent(entity)}` : ''}`;
      res.setHeader('Cache-Control', 'no-cache');
      res.type('application/atom+xml; charset=utf-8').send(atomFeed(shown, { publicUrl: config.publicUrl, selfUrl, entity }));
    } catch (err) {
      sendError(res, err, log, 'change feed');
    }
  });

  return router;
}

/** Neighbours read for one entity's JSON-LD: its relationships and claims, up to this many nodes. */
const ENTITY_PAGE_LIMIT = 500;

/** Of a depth-1 view, what belongs to the centre: itself, its relationships, the claims about or by it. */
function entityDocument(loaded: LoadedView, id: string): ExportGraph {
  const touching = loaded.edges.filter((e) => e.source === id || e.target === id);
  const claims = new Set(touching.filter((e) => e.type === ('MADE' satisfies ClaimEdgeType) || e.type === ('ABOUT' satisfies ClaimEdgeType)).map((e) => (e.source === id ? e.target : e.source)));
  return viewGraph({
    view: loaded.view,
    nodes: loaded.nodes.filter((n) => n.id === id || claims.has(n.id)),
    edges: touching,
  });
}

/** The exports and the feed, by the rules of /graphql (a sent token must be valid). */
export const exportRoutes: RouteModule = {
  name: 'export',
  routes: [
    { path: '/api/export', methods: ['GET'], policies: { rateLimit: 'caller', cors: 'api', auth: 'token-optional' } },
    // Followed as links (an @id, a feed reader), not fetched by other origins' scripts.
    { path: '/entities/:id', methods: ['GET'], policies: { rateLimit: 'caller', cors: 'none', auth: 'token-optional' } },
    { path: '/feeds/changes.atom', methods: ['GET'], policies: { rateLimit: 'caller', cors: 'none', auth: 'token-optional' } },
  ],
  mount(app, { config, callerDb, log, schema, authenticate }) {
    app.use(exportRouter(config, callerDb, log, schema, authenticate));
  },
};
