/**
 * The one place that reads the environment. Everything else receives a {@link Config}.
 * Every problem is reported at boot with the variable's name, so a typo fails fast instead of
 * silently falling back to a default.
 */
import crypto from 'node:crypto';
import path from 'node:path';

/** Name of the embedded Neo4j's password file in its data folder (src/db/password.ts reads and creates it). */
export const PASSWORD_FILE_NAME = 'neo4j-password';

/** Where the process gets its Neo4j from. */
type Neo4jTarget =
  | {
      mode: 'external';
      uri: string;
      user: string;
      password: string;
      /** Where to read the password when NEO4J_PASSWORD is not given (the embedded Neo4j's file by default); null: none. */
      passwordFile: string | null;
    }
  | {
      mode: 'embedded';
      port: number;
      dataDir: string;
      /** The generated password of the embedded Neo4j (mode 600), created on its first start. */
      passwordFile: string;
      libDir: string;
      heap: string;
      pageCache: string;
      startTimeoutMs: number;
    };

/** A bearer token for the curation API. */
export interface ApiToken {
  name: string;
  role: 'reader' | 'curator';
  token: string;
}

/** Validated configuration, read once at start-up. */
export interface Config {
  port: number;
  host: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  neo4j: Neo4jTarget;
  database: string;
  /** Per-transaction timeout sent to Neo4j; a runaway query is cut off by the server. */
  queryTimeoutMs: number;
  /** Backoff while Neo4j cannot be reached at start (or the embedded one is restarted): first and longest wait. */
  neo4jRetry: { initialMs: number; maxMs: number };
  /** On SIGTERM, in-flight requests get this long to finish before the process exits anyway. */
  shutdownGraceMs: number;
  seedOnStart: boolean;
  /**
   * READY_WHEN_EMPTY: /readyz answers 200 while the store holds no entity. Default: the opposite of
   * SEED_ON_START (a service that seeds expects data, so an empty store is 503 "empty"; one that
   * does not may start empty on purpose, its curators writing through the API).
   */
  readyWhenEmpty: boolean;
  seedPath: string;
  /**
   * PLAN_NESTED: `Query.entity` answers the nested shapes the planner knows in one composed
   * statement (src/graphql/plan.ts); `false` answers them level by level, one statement per level
   * (for comparing both paths; nothing else needs it off).
   */
  planNested: boolean;
  /** Project root: cypher/, schema/, seed/ and neo4j/ are found relative to it. */
  rootDir: string;
  apiTokens: ApiToken[];
  /**
   * Secrets that sign the bookmarks handed to clients (BOOKMARK_SECRET, comma-separated): the first
   * signs, any verifies (rotation). Every replica must share them; unset: one random secret of this process.
   */
  bookmarkSecrets: string[];
  /** How many Neo4j connections one caller's requests may hold at once (POOL_SHARE_PER_CALLER), of the pool's 50. */
  poolSharePerCaller: number;
  requireAuthForReads: boolean;
  introspection: boolean;
  /** Allowed CORS origins; empty means no CORS headers (same-origin only). */
  corsOrigins: string[];
  /** CSP frame-ancestors for the embeddable views. */
  embedFrameAncestors: string[];
  /** This server's public base URL, without a trailing slash: the stem of every JSON-LD @id and feed link (PUBLIC_URL). */
  publicUrl: string;
  /** GET /metrics (docs/operations.md#metrics). */
  metrics: {
    /** METRICS: false serves no /metrics and counts nothing. */
    enabled: boolean;
    /** METRICS_PORT: serve /metrics on this port only (on HOST), not beside the API; null: on PORT. */
    port: number | null;
    /** METRICS_TOKEN: /metrics wants `Authorization: Bearer <token>`; null: open. */
    token: string | null;
  };
  /**
   * OpenTelemetry traces: exported over OTLP/HTTP to OTEL_EXPORTER_OTLP_ENDPOINT, and not made at
   * all without it. The SDK reads the standard OTEL_* variables beyond these itself.
   */
  otel: { endpoint: string | null; serviceName: string };
  /** Cache-Control of GraphQL answers (src/graphql/cache-hints.ts, docs/security.md#cache-control-of-graphql-answers). */
  cache: {
    /** CACHE_MAX_AGE: seconds an anonymous GET query's answer may be kept by any cache, for each root and object field; 0: not public. */
    maxAge: number;
    /** CACHE_MAX_AGE_FIELDS: `Type.field` → seconds, in place of maxAge for that field (0: its answers are never public). */
    fieldMaxAge: Record<string, number>;
  };
  /**
   * RESPONSE_CACHE_MB: megabytes of anonymous query answers this server keeps, by operation,
   * variables and the graph's version (src/graphql/response-cache.ts); 0: no response cache.
   */
  responseCacheMb: number;
  /** COMPILED_EXECUTION: queries run compiled by graphql-jit (src/graphql/compiled-execution.ts); off with traces. */
  compiledExecution: boolean;
  limits: {
    maxDepth: number;
    maxAliases: number;
    maxComplexity: number;
    maxTokens: number;
    maxDirectives: number;
    maxPageSize: number;
    maxBodyBytes: number;
    maxBatch: number;
    /** Requests per minute per caller (token name, else client address); 0: no limit. */
    rateLimitPerMinute: number;
    /** How long a client may take to send a request's headers, and the whole request (ms). */
    headersTimeoutMs: number;
    requestTimeoutMs: number;
    /** Subscriptions one caller may hold open at once, over both transports (docs/clients.md#subscriptions). */
    maxSubscriptions: number;
    /** Bytes a subscriber may leave unread before it is dropped (a slow consumer). */
    subscriptionBufferBytes: number;
    /** Longest wait between two polls of the audit log for new writes while none come (ms). */
    subscriptionPollMs: number;
  };
}

/** Thrown for an invalid environment; the message names the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

/**
 * The project's root folder (schema/, cypher/, seed/, neo4j/ are found under it): the one place
 * that derives it from where the code lies; everything else asks the config (rootDir) or this.
 */
export const PROJECT_ROOT = path.resolve(__dirname, '..');

function int(env: Env, key: string, def: number, min: number, max: number): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return def;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(`${key} must be a whole number, got "${raw}"`);
  const n = Number(raw);
  if (n < min || n > max) throw new ConfigError(`${key} must be between ${min} and ${max}, got ${n}`);
  return n;
}

function bool(env: Env, key: string, def: boolean): boolean {
  const raw = env[key];
  if (raw === undefined || raw === '') return def;
  const v = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  throw new ConfigError(`${key} must be true or false, got "${raw}"`);
}

function memory(env: Env, key: string, def: string): string {
  const raw = env[key] ?? def;
  if (!/^\d+[kmg]$/i.test(raw)) throw new ConfigError(`${key} must be a size such as 512m or 1g, got "${raw}"`);
  return raw.toLowerCase();
}

function checked(items: string[], key: string, pattern: RegExp, what: string): string[] {
  const bad = items.find((i) => !pattern.test(i));
  if (bad !== undefined) throw new ConfigError(`${key}: "${bad}" is not ${what}`);
  return items;
}

function list(env: Env, key: string): string[] {
  return (env[key] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * PUBLIC_URL: an http(s) origin with an optional path, no query or fragment; defaults to the
 * address the server listens on. Exported identifiers (JSON-LD @ids, feed ids) are built on it,
 * so it must be the URL readers reach the server by, and stay the same.
 */
function publicUrl(env: Env, host: string, port: number): string {
  const raw = env.PUBLIC_URL?.trim();
  if (!raw) return `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`PUBLIC_URL must be an absolute http(s) URL such as https://graph.example.org, got "${raw}"`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash || url.username || url.password) {
    throw new ConfigError(`PUBLIC_URL must be an http(s) URL without query, fragment or credentials, got "${raw}"`);
  }
  return url.href.replace(/\/+$/, '');
}

/** CACHE_MAX_AGE_FIELDS: `Type.field=seconds,…`, each field once. */
function fieldMaxAges(env: Env): Record<string, number> {
  const ages: Record<string, number> = {};
  for (const item of list(env, 'CACHE_MAX_AGE_FIELDS')) {
    const m = /^([A-Za-z_]\w*\.[A-Za-z_]\w*)\s*=\s*(\d{1,9})$/.exec(item);
    if (!m) throw new ConfigError(`CACHE_MAX_AGE_FIELDS: "${item}" is not Type.field=seconds, such as Query.search=30`);
    if (m[1]! in ages) throw new ConfigError(`CACHE_MAX_AGE_FIELDS: ${m[1]} is given twice`);
    ages[m[1]!] = Number(m[2]);
  }
  return ages;
}

function metricsToken(env: Env): string | null {
  const token = env.METRICS_TOKEN?.trim();
  if (!token) return null;
  if (token.length < 16 || /\s/.test(token)) throw new ConfigError('METRICS_TOKEN must be at least 16 characters, without spaces');
  return token;
}

function otlpEndpoint(env: Env): string | null {
  const raw = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  if (!raw) return null;
  if (!/^https?:\/\/[^\s]+$/.test(raw)) throw new ConfigError(`OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL such as http://localhost:4318, got "${raw}"`);
  return raw;
}

function tokens(env: Env): ApiToken[] {
  const out: ApiToken[] = [];
  for (const triple of list(env, 'API_TOKENS')) {
    const [name, role, token, ...rest] = triple.split(':');
    if (!name || !token || rest.length > 0 || (role !== 'reader' && role !== 'curator')) {
      throw new ConfigError('API_TOKENS must be comma-separated name:role:token triples with role reader or curator');
    }
    if (token.length < 16) throw new ConfigError(`API_TOKENS: the token of "${name}" must be at least 16 characters`);
    // One value under two names or roles would authenticate as whichever comes first: a curator
    // listed second could never write, and nothing would say why.
    const twin = out.find((t) => t.token === token);
    if (twin) throw new ConfigError(`API_TOKENS: "${twin.name}" and "${name}" have the same token; give each its own`);
    out.push({ name, role, token });
  }
  return out;
}

/** BOOKMARK_SECRET: secrets of 32+ characters; unset, one random one (fine for one replica only). */
function bookmarkSecrets(env: Env): string[] {
  const secrets = list(env, 'BOOKMARK_SECRET');
  if (secrets.length === 0) return [crypto.randomBytes(32).toString('base64url')];
  const short = secrets.findIndex((s) => s.length < 32);
  if (short >= 0) throw new ConfigError(`BOOKMARK_SECRET: secret ${short + 1} must be at least 32 characters`);
  return secrets;
}

/**
 * {@link loadConfig} for entry points: a bad environment ends the process with exit code 2 and
 * one line naming the variable, instead of a stack trace.
 */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`configuration error: ${err.message}\n`);
    process.exit(2);
  }
}

/**
 * Reads and validates the environment.
 * @param env the environment to read; tests pass their own object.
 * @throws ConfigError naming the variable at fault.
 */
export function loadConfig(env: Env = process.env): Config {
  const uri = env.NEO4J_URI?.trim();
  const embeddedPort = int(env, 'NEO4J_EMBEDDED_PORT', 7687, 1, 65535);
  const dataDir = path.resolve(PROJECT_ROOT, env.NEO4J_DATA_DIR || '.neo4j/data');
  const givenFile = env.NEO4J_PASSWORD_FILE ? path.resolve(PROJECT_ROOT, env.NEO4J_PASSWORD_FILE) : null;
  const embeddedFile = givenFile ?? path.join(dataDir, PASSWORD_FILE_NAME);
  let neo4j: Neo4jTarget;
  if (uri) {
    if (!/^(bolt|neo4j)(\+s|\+ssc)?:\/\/[^\s]+$/.test(uri)) {
      throw new ConfigError(`NEO4J_URI must be a bolt:// or neo4j:// address, got "${uri}"`);
    }
    const password = env.NEO4J_PASSWORD ?? '';
    if (password && givenFile) throw new ConfigError('NEO4J_PASSWORD and NEO4J_PASSWORD_FILE are both set: set one');
    // A command run beside `npm start` (npm run seed, a second server) finds the embedded
    // Neo4j's password where that Neo4j keeps it, with no setting.
    const local = new RegExp(`^(bolt|neo4j)://(127\\.0\\.0\\.1|localhost):${embeddedPort}/?$`).test(uri);
    const passwordFile = password ? null : (givenFile ?? (local ? embeddedFile : null));
    neo4j = { mode: 'external', uri, user: env.NEO4J_USER || 'neo4j', password, passwordFile };
  } else {
    neo4j = {
      mode: 'embedded',
      port: embeddedPort,
      dataDir,
      passwordFile: embeddedFile,
      libDir: path.resolve(PROJECT_ROOT, env.NEO4J_LIB_DIR || '.neo4j/lib'),
      heap: memory(env, 'NEO4J_HEAP', '1g'),
      pageCache: memory(env, 'NEO4J_PAGECACHE', '256m'),
      startTimeoutMs: int(env, 'NEO4J_START_TIMEOUT_MS', 180_000, 1_000, 3_600_000),
    };
  }
  const logLevel = (env.LOG_LEVEL ?? 'info') as Config['logLevel'];
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "${logLevel}"`);
  }
  const production = env.NODE_ENV === 'production';
  if (int(env, 'HTTP_HEADERS_TIMEOUT_MS', 10_000, 100, 600_000) > int(env, 'HTTP_REQUEST_TIMEOUT_MS', 60_000, 100, 3_600_000)) {
    throw new ConfigError('HTTP_HEADERS_TIMEOUT_MS must not be above HTTP_REQUEST_TIMEOUT_MS');
  }
  const port = int(env, 'PORT', 4000, 0, 65535);
  const host = env.HOST || '127.0.0.1';
  return {
    port,
    host,
    logLevel,
    neo4j,
    database: env.NEO4J_DATABASE || 'neo4j',
    queryTimeoutMs: int(env, 'QUERY_TIMEOUT_MS', 10_000, 100, 600_000),
    neo4jRetry: {
      initialMs: int(env, 'NEO4J_RETRY_INITIAL_MS', 250, 10, 60_000),
      maxMs: int(env, 'NEO4J_RETRY_MAX_MS', 5_000, 10, 600_000),
    },
    shutdownGraceMs: int(env, 'SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
    seedOnStart: bool(env, 'SEED_ON_START', true),
    readyWhenEmpty: bool(env, 'READY_WHEN_EMPTY', !bool(env, 'SEED_ON_START', true)),
    seedPath: path.resolve(PROJECT_ROOT, env.SEED_PATH || 'seed'),
    planNested: bool(env, 'PLAN_NESTED', true),
    rootDir: PROJECT_ROOT,
    apiTokens: tokens(env),
    bookmarkSecrets: bookmarkSecrets(env),
    poolSharePerCaller: int(env, 'POOL_SHARE_PER_CALLER', 10, 1, 50),
    requireAuthForReads: bool(env, 'REQUIRE_AUTH_FOR_READS', false),
    introspection: bool(env, 'INTROSPECTION', !production),
    corsOrigins: checked(list(env, 'CORS_ORIGINS'), 'CORS_ORIGINS', /^(\*|https?:\/\/[^\s/]+)$/, 'an origin such as https://dash.example, or *'),
    embedFrameAncestors: env.EMBED_FRAME_ANCESTORS
      ? checked(list(env, 'EMBED_FRAME_ANCESTORS'), 'EMBED_FRAME_ANCESTORS', /^[^\s;]+$/, "a CSP source such as 'self' or https://dash.example")
      : ["'self'"],
    publicUrl: publicUrl(env, host, port),
    metrics: {
      enabled: bool(env, 'METRICS', true),
      port: env.METRICS_PORT ? int(env, 'METRICS_PORT', 0, 0, 65535) : null,
      token: metricsToken(env),
    },
    otel: { endpoint: otlpEndpoint(env), serviceName: env.OTEL_SERVICE_NAME?.trim() || 'frr-graph' },
    cache: { maxAge: int(env, 'CACHE_MAX_AGE', 60, 0, 31_536_000), fieldMaxAge: fieldMaxAges(env) },
    responseCacheMb: int(env, 'RESPONSE_CACHE_MB', 0, 0, 65_536),
    compiledExecution: bool(env, 'COMPILED_EXECUTION', false),
    limits: {
      maxDepth: int(env, 'MAX_QUERY_DEPTH', 15, 1, 100),
      maxAliases: int(env, 'MAX_ALIASES', 30, 1, 1000),
      maxComplexity: int(env, 'MAX_COMPLEXITY', 20_000, 10, 10_000_000),
      maxTokens: int(env, 'MAX_TOKENS', 5_000, 100, 1_000_000),
      maxDirectives: int(env, 'MAX_DIRECTIVES', 50, 1, 10_000),
      maxPageSize: int(env, 'MAX_PAGE_SIZE', 500, 1, 100_000),
      maxBodyBytes: int(env, 'MAX_BODY_BYTES', 1_000_000, 1_000, 100_000_000),
      maxBatch: int(env, 'MAX_BATCH', 10, 1, 1000),
      rateLimitPerMinute: int(env, 'RATE_LIMIT_PER_MINUTE', 1200, 0, 10_000_000),
      headersTimeoutMs: int(env, 'HTTP_HEADERS_TIMEOUT_MS', 10_000, 100, 600_000),
      requestTimeoutMs: int(env, 'HTTP_REQUEST_TIMEOUT_MS', 60_000, 100, 3_600_000),
      maxSubscriptions: int(env, 'MAX_SUBSCRIPTIONS', 200, 0, 1_000_000),
      subscriptionBufferBytes: int(env, 'SUBSCRIPTION_BUFFER_BYTES', 1_000_000, 1_000, 1_000_000_000),
      subscriptionPollMs: int(env, 'SUBSCRIPTION_POLL_MS', 100, 10, 60_000),
    },
  };
}
