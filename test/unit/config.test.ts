import { ConfigError, loadConfig } from '../../src/config';

describe('config', () => {
  it('defaults to the embedded Neo4j on 7687 and GraphQL on 4000', () => {
    const c = loadConfig({});
    expect(c.port).toBe(4000);
    expect(c.neo4j).toMatchObject({ mode: 'embedded', port: 7687, heap: '1g', pageCache: '256m' });
    expect(c.seedOnStart).toBe(true);
  });

  it('serves /metrics beside the API, open, and traces nothing, unless told otherwise', () => {
    expect(loadConfig({})).toMatchObject({ metrics: { enabled: true, port: null, token: null }, otel: { endpoint: null, serviceName: 'frr-graph' } });
    const c = loadConfig({ METRICS_PORT: '9464', METRICS_TOKEN: 'scrape-token-0123456789', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SERVICE_NAME: 'graph-eu' });
    expect(c).toMatchObject({ metrics: { enabled: true, port: 9464, token: 'scrape-token-0123456789' }, otel: { endpoint: 'http://collector:4318', serviceName: 'graph-eu' } });
  });

  it('makes anonymous GET answers public for 60 s unless CACHE_MAX_AGE and CACHE_MAX_AGE_FIELDS say otherwise', () => {
    expect(loadConfig({}).cache).toEqual({ maxAge: 60, fieldMaxAge: {} });
    expect(loadConfig({ CACHE_MAX_AGE: '0', CACHE_MAX_AGE_FIELDS: 'Query.search = 30, Entity.claimsAbout=600' }).cache).toEqual({ maxAge: 0, fieldMaxAge: { 'Query.search': 30, 'Entity.claimsAbout': 600 } });
  });

  it('uses the server NEO4J_URI names, with its credentials', () => {
    const c = loadConfig({ NEO4J_URI: 'neo4j://db.example:7687', NEO4J_USER: 'u', NEO4J_PASSWORD: 'p' });
    expect(c.neo4j).toEqual({ mode: 'external', uri: 'neo4j://db.example:7687', user: 'u', password: 'p', passwordFile: null });
  });

  it("reads the embedded Neo4j's password file for a NEO4J_URI at the embedded port, so commands work beside npm start", () => {
    const c = loadConfig({ NEO4J_URI: 'bolt://127.0.0.1:7687', NEO4J_DATA_DIR: '/tmp/x-data' });
    expect(c.neo4j).toMatchObject({ mode: 'external', user: 'neo4j', password: '', passwordFile: '/tmp/x-data/neo4j-password' });
    expect(loadConfig({ NEO4J_URI: 'bolt://db.example:7687' }).neo4j).toMatchObject({ passwordFile: null });
    expect(loadConfig({ NEO4J_URI: 'bolt://db.example:7687', NEO4J_PASSWORD_FILE: '/run/pw' }).neo4j).toMatchObject({ passwordFile: '/run/pw' });
    expect(loadConfig({ NEO4J_DATA_DIR: '/tmp/x-data' }).neo4j).toMatchObject({ mode: 'embedded', passwordFile: '/tmp/x-data/neo4j-password' });
    expect(() => loadConfig({ NEO4J_URI: 'bolt://db.example:7687', NEO4J_PASSWORD: 'p', NEO4J_PASSWORD_FILE: '/run/pw' })).toThrow(/NEO4J_PASSWORD and NEO4J_PASSWORD_FILE/);
  });

  it('signs bookmarks with BOOKMARK_SECRET (several: the first signs), or with a random secret of the process', () => {
    expect(loadConfig({ BOOKMARK_SECRET: 'a'.repeat(32) + ',' + 'b'.repeat(40) }).bookmarkSecrets).toEqual(['a'.repeat(32), 'b'.repeat(40)]);
    const [one, two] = [loadConfig({}).bookmarkSecrets, loadConfig({}).bookmarkSecrets];
    expect(one).toHaveLength(1);
    expect(one[0]!.length).toBeGreaterThanOrEqual(32);
    expect(one).not.toEqual(two);
  });

  it.each([
    [{ PORT: 'abc' }, /PORT must be a whole number/],
    [{ PORT: '70000' }, /PORT must be between 0 and 65535/],
    [{ NEO4J_URI: 'http://localhost:7474' }, /NEO4J_URI must be a bolt:\/\/ or neo4j:\/\//],
    [{ NEO4J_HEAP: 'lots' }, /NEO4J_HEAP must be a size/],
    [{ SEED_ON_START: 'maybe' }, /SEED_ON_START must be true or false/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
    [{ API_TOKENS: 'alice:admin:0123456789abcdef' }, /API_TOKENS must be/],
    [{ API_TOKENS: 'alice:curator:short' }, /at least 16 characters/],
    [{ API_TOKENS: 'ann:reader:same-token-0123456789,cur:curator:same-token-0123456789' }, /API_TOKENS: "ann" and "cur" have the same token/],
    [{ BOOKMARK_SECRET: 'too-short' }, /BOOKMARK_SECRET: secret 1 must be at least 32 characters/],
    [{ POOL_SHARE_PER_CALLER: '0' }, /POOL_SHARE_PER_CALLER must be between 1 and 50/],
    [{ CORS_ORIGINS: 'dash.example' }, /CORS_ORIGINS: "dash.example" is not an origin/],
    [{ EMBED_FRAME_ANCESTORS: "'self'; script-src *" }, /EMBED_FRAME_ANCESTORS: .* is not a CSP source/],
    [{ MAX_QUERY_DEPTH: '0' }, /MAX_QUERY_DEPTH must be between 1 and 100/],
    [{ METRICS: 'sometimes' }, /METRICS must be true or false/],
    [{ METRICS_PORT: '99999' }, /METRICS_PORT must be between 0 and 65535/],
    [{ METRICS_TOKEN: 'short' }, /METRICS_TOKEN must be at least 16 characters/],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' }, /OTEL_EXPORTER_OTLP_ENDPOINT must be an http\(s\) URL/],
    [{ CACHE_MAX_AGE: '-5' }, /CACHE_MAX_AGE must be a whole number/],
    [{ CACHE_MAX_AGE_FIELDS: 'search=30' }, /CACHE_MAX_AGE_FIELDS: "search=30" is not Type.field=seconds/],
    [{ CACHE_MAX_AGE_FIELDS: 'Query.search=30,Query.search=5' }, /CACHE_MAX_AGE_FIELDS: Query.search is given twice/],
  ])('fails at boot naming the variable for %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe('READY_WHEN_EMPTY', () => {
  it('defaults to the opposite of SEED_ON_START, and a value given wins', () => {
    expect(loadConfig({}).readyWhenEmpty).toBe(false);
    expect(loadConfig({ SEED_ON_START: 'false' }).readyWhenEmpty).toBe(true);
    expect(loadConfig({ SEED_ON_START: 'false', READY_WHEN_EMPTY: 'false' }).readyWhenEmpty).toBe(false);
    expect(loadConfig({ READY_WHEN_EMPTY: 'true' }).readyWhenEmpty).toBe(true);
  });
});
