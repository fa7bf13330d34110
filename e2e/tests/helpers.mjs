// Shared set-up for the browser tests: Debian's Chromium driven by
// playwright-core, the explorer served by the sandbox at BASE_URL, and a
// record of every console error, page error and failed request.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const BASE_URL = (process.env.BASE_URL || 'http://127.0.0.1:8080').replace(/\/$/, '');
const here = path.dirname(fileURLToPath(import.meta.url));
export const CONTENT = path.resolve(here, '../../content');

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export async function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** A fresh page whose problems are collected in `problems`. `expect` lists
 * the HTTP statuses a test provokes from the API on purpose (say `[400,
 * 401]`); only those are excused, only on API paths, and a 5xx never is. */
export async function openPage(browser, { expect = [], ...options } = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems = watch(page, expect);
  return { context, page, problems };
}

/** Collects the console errors, page errors, failed requests and unexpected
 * statuses of `page` (any page: also one opened in a second context). */
export function watch(page, expect = []) {
  const excused = new Set(expect.filter((status) => status < 500));
  const problems = [];
  const isApi = (url) => /^\/(v1|v2|sandbox)\//.test(new URL(url).pathname);
  page.on('console', (m) => {
    if (m.type() !== 'error' && m.type() !== 'warning') return;
    // Chromium logs every 4xx/5xx fetch as an error without its URL; an
    // excused status is judged by the response events below.
    const status = m.text().match(/^Failed to load resource: the server responded with a status of (\d{3})/)?.[1];
    if (status && excused.has(Number(status))) return;
    problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  // net::ERR_ABORTED is the client cancelling, not the server failing: a
  // navigation cancels the browser's favicon fetch of the page it leaves,
  // and the app aborts superseded requests on purpose. A server that fails
  // shows up as an HTTP status or another net:: error, which still count.
  page.on('requestfailed', (r) => {
    const error = r.failure()?.errorText;
    if (error !== 'net::ERR_ABORTED') problems.push(`request failed: ${r.url()} ${error}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && !(isApi(r.url()) && excused.has(r.status()))) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return problems;
}

/** The pages SUMMARY.md lists, read from the markdown itself rather than the app. */
export function summaryPages() {
  const summary = readFileSync(path.join(CONTENT, 'SUMMARY.md'), 'utf8');
  const pages = [];
  for (const match of summary.matchAll(/\[([^\]]+)\]\(([^)]+\.md)\)/g)) {
    const [, navTitle, file] = match;
    const text = readFileSync(path.join(CONTENT, file), 'utf8');
    const title = text.match(/^# (.+)$/m)[1].trim();
    const stem = path.basename(file, '.md');
    const route = file === 'overview.md' ? '/' : file.startsWith('reference/') ? `/reference/${stem}` : `/${stem}`;
    const op = text.match(/^method: (\w+)\npath: (\S+)/m);
    pages.push({ navTitle, file, title, route, method: op?.[1], path: op?.[2] });
  }
  return pages;
}

/** Waits until the page at `route` is rendered. */
/** Makes `page` report the reader's Save-Data preference as on, which
 * turns the playground's idle preload off. Call before the first `goto`. */
export async function saveData(page) {
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'connection', { get: () => ({ saveData: true }) });
  });
}

export async function waitForRoute(page, route) {
  await page.waitForSelector(`[data-testid=page][data-route="${route}"]`, { timeout: 10_000 });
}

/** Waits until `selector` matches exactly `n` elements, then asserts it:
 * a count read once right after an action would race the re-render. */
export async function expectCount(page, selector, n, message) {
  try {
    await page.waitForFunction(([sel, want]) => document.querySelectorAll(sel).length === want, [selector, n], { timeout: 10_000 });
  } catch (error) {
    const count = await page.locator(selector).count();
    throw new Error(`${message ?? selector}: ${count} elements after 10 s, expected ${n}`, { cause: error });
  }
}

/** The secret of the sandbox's demo key `name` (free, pro, readonly…). */
export async function demoKey(name) {
  const keys = (await (await fetch(`${BASE_URL}/sandbox/keys`)).json()).keys;
  return keys.find((k) => k.name === name).key;
}

/** Opens `id`'s reference page and its try-it panel. */
export async function openTryIt(page, id) {
  await page.goto(`${BASE_URL}/reference/${id}`);
  await waitForRoute(page, `/reference/${id}`);
  await page.click('[data-testid=try-it-open]');
  await page.waitForSelector(`[data-testid=try-it][data-operation="${id}"]`, { timeout: 15_000 });
}

/** Exchanges demo key `name` for a token in the connection dialog (one
 * click on a demo key connects); returns the token card's text. */
export async function connectDemo(page, name, { lifetime, keepKey = false } = {}) {
  // Before the playground is loaded the header shows "Connect" instead of the chip.
  await page.click('[data-testid=connect-button], [data-testid=connection-chip]');
  await page.waitForSelector('[data-testid=connection-dialog]', { timeout: 15_000 });
  await page.click('[data-testid=mode-token]');
  if (lifetime) {
    await page.fill('[data-testid=token-lifetime]', String(lifetime));
    await page.press('[data-testid=token-lifetime]', 'Tab');
  }
  if (keepKey) await page.check('[data-testid=keep-key]');
  await page.click(`[data-testid=demo-key-${name}]`);
  await page.waitForSelector('[data-testid=token-status]');
  const status = await page.textContent('[data-testid=token-status]');
  await page.keyboard.press('Escape');
  await page.waitForSelector('[data-testid=connection-dialog]', { state: 'detached' });
  return status;
}

/** Clicks `selector` (Send by default) and waits for the next outcome: a
 * response, a failure or a refusal. Returns the response's status, or null. */
export async function sendAndWait(page, selector = '[data-testid=send]') {
  const OUTCOME = '[data-testid=response],[data-testid=failure],[data-testid=refused]';
  const previous = await page.evaluate((sel) => document.querySelector(sel)?.dataset.seq ?? '', OUTCOME);
  await page.click(selector);
  await page.waitForFunction(([sel, prev]) => {
    const seq = document.querySelector(sel)?.dataset.seq;
    return seq !== undefined && seq !== prev;
  }, [OUTCOME, previous], { timeout: 20_000 });
  const status = await page.getAttribute(OUTCOME, 'data-status');
  return status === null ? null : Number(status);
}

/** Makes the custom base URL `url` the environment, in the connection dialog. */
export async function useTarget(page, url) {
  await page.click('[data-testid=connection-chip]');
  await page.fill('[data-testid=env-custom-url]', url);
  await page.click('[data-testid=env-custom-apply]');
  await page.keyboard.press('Escape');
}

/** A server on another loopback port that lets any origin in (CORS) and
 * records every request, preflights excluded, with its body. It answers
 * `{"captured":true}`, or the `{ status, headers, body }` that `answer(req)`
 * returns for a request it wants to treat otherwise. */
export async function captureServer(answer = () => null) {
  const captured = [];
  const server = createServer((req, res) => {
    const cors = {
      'Access-Control-Allow-Origin': req.headers.origin ?? '*',
      'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE',
      // Authorization is never covered by `*`: the asked-for names are echoed.
      'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? '',
      'Access-Control-Expose-Headers': '*',
    };
    if (req.method === 'OPTIONS') { res.writeHead(204, cors); res.end(); return; }
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      captured.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const other = answer(req);
      if (other) {
        res.writeHead(other.status, { ...cors, ...other.headers });
        res.end(other.body ?? '');
        return;
      }
      res.writeHead(200, { ...cors, 'Content-Type': 'application/json' });
      res.end('{"captured":true}');
    });
  });
  const url = await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}`)));
  return { url, captured, close: () => server.close() };
}
