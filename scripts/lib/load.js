// Drives autocannon against the running host (scripts/load): per route, rising concurrency, ~10 s per level.
// Prints the highest sustained req/s with no errors or non-2xx answers, with p50/p99 latency at that level.
// A route stops climbing at its first errors, or when p99 more than quadruples while req/s gains under 10 %.
'use strict';
const autocannon = require(process.env.AUTOCANNON_MODULE);

const base = process.env.LOAD_URL;
const key = process.env.LOAD_KEY;
const seconds = Number(process.env.LOAD_SECONDS || 10);
const levels = (process.env.LOAD_LEVELS || '1,4,16,64').split(',').map(Number);
const today = new Date();
const day = (offset) => new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + offset)).toISOString().slice(0, 10);

const routes = [
  { name: 'summary (30 days by day)', path: `/api/summary?from=${day(-29)}&to=${day(1)}&groupBy=day`, keyed: true },
  { name: 'dashboard', path: '/api/dashboard', keyed: true },
  { name: 'health', path: '/api/health', keyed: true },
  { name: 'health/live (anonymous)', path: '/api/health/live', keyed: false },
];

function run(route, connections) {
  return new Promise((resolve, reject) => {
    autocannon({
      url: base + route.path,
      connections,
      duration: seconds,
      headers: route.keyed ? { 'x-functions-key': key } : {},
    }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

(async () => {
  const rows = [];
  for (const route of routes) {
    let best = null;
    let stop = '';
    for (const connections of levels) {
      const r = await run(route, connections);
      const failures = r.errors + r.timeouts + r.non2xx;
      const line = { connections, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, failures };
      console.log(`  ${route.name.padEnd(26)} c=${String(connections).padStart(2)}  ${line.rps.toFixed(0).padStart(6)} req/s  p50 ${line.p50} ms  p99 ${line.p99} ms  errors+non2xx ${failures}`);
      if (failures > 0) { stop = `errors at c=${connections}`; break; }
      if (best && line.p99 > 4 * Math.max(best.p99, 1) && line.rps < 1.1 * best.rps) { stop = `p99 degraded at c=${connections}`; break; }
      if (!best || line.rps > best.rps) best = line;
    }
    rows.push({ route: route.name, best, stop: stop || 'all levels clean' });
  }

  console.log('\nroute                       best clean req/s  at c  p50 ms  p99 ms  stopped');
  for (const { route, best, stop } of rows) {
    console.log(best
      ? `${route.padEnd(28)}${best.rps.toFixed(0).padStart(16)}${String(best.connections).padStart(6)}${String(best.p50).padStart(8)}${String(best.p99).padStart(8)}  ${stop}`
      : `${route.padEnd(28)}${'-'.padStart(16)}  ${stop}`);
  }
})().catch((error) => { console.error(error); process.exit(1); });
