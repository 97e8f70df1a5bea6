/**
 * GET /healthz (liveness: 200 while the process serves HTTP, whatever its state, so a draining or
 * degraded replica is not restarted) and GET /readyz (readiness: from the lifecycle's state, then
 * Neo4j's answer and the store's counts).
 */
import type { RouteModule } from './route-module';
import { storedEntityCount } from '../store/entities';

/** /healthz and /readyz: anyone may ask, never limited, same origin only. */
export const healthRoutes: RouteModule = {
  name: 'health',
  routes: [
    { path: '/healthz', methods: ['GET'], policies: { rateLimit: 'none', cors: 'none', auth: 'anonymous' } },
    { path: '/readyz', methods: ['GET'], policies: { rateLimit: 'none', cors: 'none', auth: 'anonymous' } },
  ],
  mount(app, { config, db, lifecycle }) {
    app.get('/healthz', (_req, res) => {
      res.json({ status: 'ok' });
    });
    app.get('/readyz', async (_req, res) => {
      // Draining answers as starting did before the state was explicit: 503, and no ping.
      if (!lifecycle.serving) {
        return void res.status(503).json({ status: 'starting', database: 'unknown' });
      }
      try {
        // From Neo4j's count store: no scan. An empty store (a wrong database, or a restore that
        // replaced everything with nothing) is not a graph to route readers to.
        if ((await storedEntityCount(db)) === 0 && !config.readyWhenEmpty) {
          return void res.status(503).json({ status: 'empty', database: 'up', reason: 'the store holds no entity: seed it (npm run seed) or restore a backup; READY_WHEN_EMPTY=true serves it empty' });
        }
        res.json({ status: 'ready', database: 'up' });
      } catch (err) {
        res.status(503).json({ status: 'unavailable', database: 'down', reason: (err as Error).message });
      }
    });
  },
};
