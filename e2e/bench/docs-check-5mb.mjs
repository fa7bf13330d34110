// The live docs check of a 5 MB response: a list-resources page of
// 20,000 resources from a local server (one resource in 1,000 drifts from
// the docs), sent from the release bundle in Chromium. Printed: the time
// from the response being shown to the check's verdict, in page time, and
// the longest main-thread task (Long Tasks API) while receiving, showing
// and checking it, and during the check alone.
//   BASE_URL=http://127.0.0.1:8080 node e2e/bench/docs-check-5mb.mjs
import { createServer } from 'node:http';
import { BASE_URL, launch, openTryIt, sendAndWait, useTarget } from '../tests/helpers.mjs';

const RUNS = Number(process.env.RUNS || 3);
const TASK_LIMIT_MS = 200;

const resource = (i) => ({
  id: `res_${i.toString(36).padStart(16, '0')}`,
  name: `resource ${i} ${'x'.repeat(40)}`,
  region: 'eu-west',
  status: i % 1000 === 7 ? 'paused' : 'active',
  metadata: { team: 'data', owner: `user-${i % 97}` },
  created_at: '2026-03-14T09:21:00Z',
  updated_at: '2026-03-14T09:21:00Z',
});
const body = JSON.stringify({ data: Array.from({ length: 20_000 }, (_, i) => resource(i)), next_cursor: null, has_more: false });
const server = createServer((req, res) => {
  if (req.method === 'OPTIONS') {
    res.writeHead(204, { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': '*', 'Access-Control-Allow-Methods': 'GET' });
    res.end();
    return;
  }
  res.writeHead(200, {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Expose-Headers': '*',
    'Content-Type': 'application/json',
    'X-RateLimit-Limit': '60',
    'X-RateLimit-Remaining': '59',
    'X-RateLimit-Reset': '60',
  });
  res.end(body);
});
const target = await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}`)));

/** Page-side probe: long tasks, and when the response and the verdict appear. */
function probe() {
  window.tasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.tasks.push({ start: e.startTime, end: e.startTime + e.duration });
  }).observe({ type: 'longtask', buffered: false });
  new MutationObserver(() => {
    if (window.shownAt === undefined && document.querySelector('[data-testid=response]')) window.shownAt = performance.now();
    const check = document.querySelector('[data-testid=docs-check]');
    if (window.verdictAt === undefined && check && check.dataset.state !== 'running') {
      window.verdictAt = performance.now();
      window.verdict = check.querySelector('.docs-check-title')?.textContent ?? check.textContent;
    }
  }).observe(document, { childList: true, subtree: true, attributes: true });
}

const browser = await launch();
const runs = [];
try {
  for (let i = 0; i < RUNS; i += 1) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await openTryIt(page, 'list-resources');
    await useTarget(page, target);
    await page.evaluate(probe);
    const sentAt = await page.evaluate(() => performance.now());
    await sendAndWait(page);
    await page.waitForFunction(() => window.verdictAt !== undefined, null, { timeout: 120_000 });
    runs.push(await page.evaluate((sent) => {
      const longest = (from) => Math.max(0, ...window.tasks.filter((t) => t.end > from).map((t) => t.end - Math.max(t.start, from)));
      return {
        check: window.verdictAt - window.shownAt,
        longestAll: longest(sent),
        longestCheck: longest(window.shownAt),
        verdict: window.verdict,
      };
    }, sentAt));
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`\nlive docs check of a ${(body.length / 1e6).toFixed(1)} MB list-resources response (${RUNS} runs)`);
console.log(`  verdict: ${runs[0].verdict}`);
console.log(`  response shown → verdict: median ${median(runs.map((r) => r.check)).toFixed(0)} ms  [${runs.map((r) => r.check.toFixed(0)).join(', ')}]`);
// The Long Tasks API reports only tasks of 50 ms or more.
const longest = (ms) => (ms > 0 ? `${ms.toFixed(0)} ms` : 'none of 50 ms or more');
console.log(`  longest main-thread task during the check: ${longest(Math.max(...runs.map((r) => r.longestCheck)))} (target ≤ ${TASK_LIMIT_MS} ms)`);
console.log(`  longest main-thread task from Send to verdict (fetch, JSON parse, first render, check): ${longest(Math.max(...runs.map((r) => r.longestAll)))}`);
