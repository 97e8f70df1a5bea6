/**
 * Loaded into a server the load test spawns (NODE_OPTIONS="--expose-gc --require <this file>"):
 * on SIGUSR2 it runs a full garbage collection and prints one JSON line, {"msg": "heap probe",
 * "seq": n, "heapUsed": bytes}, so the test reads the live heap, not RSS, which the allocator
 * keeps long after the garbage is gone and so hides a slow leak in its noise.
 */
let seq = 0;
process.on('SIGUSR2', () => {
  global.gc();
  global.gc();
  seq++;
  process.stdout.write(`${JSON.stringify({ level: 30, msg: 'heap probe', seq, heapUsed: process.memoryUsage().heapUsed })}\n`);
});
