/** The labels of the metrics stay bounded whatever clients send. */
import { Metrics, MAX_OPERATION_NAMES, OTHER_OPERATIONS, ANONYMOUS } from '../../src/metrics';
import { routeLabels } from '../../src/http/metrics';
import { ROUTE_MODULES } from '../../src/server';

/** The server's labeller: from the paths its route modules declare. */
const routeLabel = routeLabels(ROUTE_MODULES.flatMap((m) => m.routes.map((r) => r.path)));
import { ACQUISITION_TIMEOUT, neo4jCodeOf } from '../../src/db/executor';
import { Neo4jError } from 'neo4j-driver';

describe('metric labels', () => {
  it('keeps the first MAX_OPERATION_NAMES operation names, and files later ones and non-names under other', () => {
    const m = new Metrics();
    for (let i = 0; i < MAX_OPERATION_NAMES; i++) expect(m.operationLabel(`Op${i}`)).toBe(`Op${i}`);
    expect(m.operationLabel('OneMore')).toBe(OTHER_OPERATIONS);
    expect(m.operationLabel('Op7')).toBe('Op7');
    expect(new Metrics().operationLabel('not a name {')).toBe(OTHER_OPERATIONS);
    expect(new Metrics().operationLabel(`A${'b'.repeat(64)}`)).toBe(OTHER_OPERATIONS);
    expect(new Metrics().operationLabel(undefined)).toBe(ANONYMOUS);
  });

  it.each([
    ['/graphql', '/graphql'],
    ['/graphql/client-config.json', '/graphql/client-config.json'],
    ['/entities/clearview-ai', '/entities/:id'],
    ['/embed/assets/embed.js', '/embed/assets/:name'],
    ['/assets/graphiql.js', '/assets/:name'],
    ['/graphql/stream', '/graphql/stream'],
    ['/reconcile/suggest/entity', '/reconcile/suggest/entity'],
    ['/metrics', '/metrics'],
    ['/wp-login.php', 'other'],
    ['/graphql/anything', 'other'],
  ])('labels the path %s as the route %s', (path, route) => {
    expect(routeLabel(path)).toBe(route);
  });

  it.each([
    [new Neo4jError('x', 'Neo.ClientError.Statement.ParameterMissing', '42N51', 'error: syntax error or access rule violation'), 'Neo.ClientError.Statement.ParameterMissing'],
    [new Neo4jError('gone', 'ServiceUnavailable', '08000', 'error: connection exception'), 'ServiceUnavailable'],
    [new Neo4jError('Connection acquisition timed out in 5000 ms. Pool status: Active conn count = 50, Idle conn count = 0.', 'N/A', '50N42', 'error: general processing exception'), ACQUISITION_TIMEOUT],
    [Object.assign(new Error('odd'), { code: 'a free text code with spaces' }), 'Unknown'],
    [new Error('no code'), 'Unknown'],
  ])('bounds the Neo4j code of %s', (err, code) => {
    expect(neo4jCodeOf(err)).toBe(code);
  });
});
