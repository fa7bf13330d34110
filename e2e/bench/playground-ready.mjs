// Click → Send usable: on an endpoint page, the time from a click on "Open
// the playground" until the try-it panel's Send button exists and is
// enabled, in page time, on a throttled link (1 Mbps down and up, 40 ms
// latency, CPU slowed 4×, set through the DevTools protocol after the page
// is shown). "Warm" clicks after the page was open 10 s, as a reader does,
// so the playground chunk the shell preloads while idle is ready; "cold"
// clicks as soon as the page is shown (the preload may be under way or
// done), and "no preload" is warm with Save-Data on, which turns the
// preload off: the click then fetches the chunk.
// Every run is a fresh browser context, so nothing comes from the cache.
//   BASE_URL=http://127.0.0.1:8080 node e2e/bench/playground-ready.mjs
// `cargo xtask bench` builds the release bundle and serves it for this.
import { BASE_URL, launch, saveData, waitForRoute } from '../tests/helpers.mjs';

const RUNS = Number(process.env.RUNS || 5);
const ROUTE = '/reference/create-resource';
const OPEN_WAIT_MS = 10_000;
const TARGET_MS = 300;

/** Page-side probe: the click's time and when Send became usable. */
function probe() {
  addEventListener('click', (event) => {
    if (window.clickAt !== undefined || !event.target.closest?.('[data-testid=try-it-open]')) return;
    window.clickAt = event.timeStamp;
    const usable = () => {
      const send = document.querySelector('[data-testid=send]');
      return send && !send.disabled;
    };
    const observer = new MutationObserver(() => {
      if (usable()) {
        window.readyAt = performance.now();
        observer.disconnect();
      }
    });
    observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled'] });
  }, true);
}

async function once(browser, waitMs, dataSaver) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(probe);
  if (dataSaver) {
    await saveData(page);
  }
  await page.goto(`${BASE_URL}${ROUTE}`);
  await waitForRoute(page, ROUTE);
  if (waitMs) await page.waitForTimeout(waitMs);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 40, downloadThroughput: 1_000_000 / 8, uploadThroughput: 1_000_000 / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.click('[data-testid=try-it-open]');
  await page.waitForFunction(() => window.readyAt !== undefined, null, { timeout: 120_000 });
  const ms = await page.evaluate(() => window.readyAt - window.clickAt);
  await context.close();
  if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  return ms;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const browser = await launch();
const results = {};
try {
  for (const [name, wait, dataSaver] of [['warm', OPEN_WAIT_MS, false], ['cold', 0, false], ['no preload', OPEN_WAIT_MS, true]]) {
    const runs = [];
    for (let i = 0; i < RUNS; i += 1) runs.push(await once(browser, wait, dataSaver));
    results[name] = runs;
  }
} finally {
  await browser.close();
}
console.log(`\nclick → Send usable on ${ROUTE} (1 Mbps, 40 ms, CPU ÷4; ${RUNS} runs each)`);
const labels = [
  ['warm', `page open ${OPEN_WAIT_MS / 1000} s`],
  ['cold', 'clicked at once'],
  ['no preload', `Save-Data, page open ${OPEN_WAIT_MS / 1000} s`],
];
for (const [name, label] of labels) {
  const runs = results[name];
  console.log(`  ${name} (${label}): median ${median(runs).toFixed(0)} ms, max ${Math.max(...runs).toFixed(0)} ms  [${runs.map((r) => r.toFixed(0)).join(', ')}]`);
}
const warm = median(results.warm);
console.log(`  target: warm median ≤ ${TARGET_MS} ms: ${warm <= TARGET_MS ? 'met' : 'NOT met'}`);
