/**
 * Preloaded (`node -r`) into this server exactly as `npm start` runs it (dist/main.js; or
 * src/main.ts under ts-node with `--ours-from source`), so that the bench measures the real entry
 * point. It adds only what the harness needs, outside the server's code: a count of Cypher
 * statements at the driver (every auto-commit `session.run` and every transaction's `run`, as
 * servers/library.ts counts the library's), and the IPC protocol of servers/child.ts — `{ ready:
 * port }` once /readyz answers 200, `stats`/`reset`, and a clean stop (SIGTERM) when the harness
 * goes away. Plain JavaScript on purpose: a TypeScript preload would need ts-node, whose
 * source-map support changes what is measured.
 */
'use strict';
const http = require('node:http');
const path = require('node:path');

const core = require(require.resolve('neo4j-driver-core', { paths: [path.dirname(require.resolve('neo4j-driver'))] }));
const count = { value: 0 };
for (const proto of [core.Session.prototype, core.Transaction.prototype]) {
  const run = proto.run;
  proto.run = function countedRun(...args) {
    count.value++;
    return run.apply(this, args);
  };
}

process.on('message', (msg) => {
  if (msg === 'reset') count.value = 0;
  // As servers/child.ts statsOf: statements since the last reset, CPU time of the process so far (µs).
  const cpu = process.cpuUsage();
  if (msg === 'stats' || msg === 'reset') process.send?.({ stats: { statements: count.value, cpuUs: cpu.user + cpu.system } });
});
process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));

// The first server that listens is the HTTP server (main.ts listens before Neo4j is ready).
const listen = http.Server.prototype.listen;
http.Server.prototype.listen = function probedListen(...args) {
  http.Server.prototype.listen = listen;
  this.once('listening', () => {
    const port = this.address().port;
    const deadline = Date.now() + 120_000;
    const poll = () =>
      http
        .get({ host: '127.0.0.1', port, path: '/readyz' }, (res) => {
          res.resume();
          if (res.statusCode === 200) process.send?.({ ready: port });
          else retry();
        })
        .on('error', retry);
    const retry = () => (Date.now() > deadline ? process.exit(3) : setTimeout(poll, 100));
    poll();
  });
  return listen.apply(this, args);
};
