// Shared set-up for the browser tests: Debian's Chromium driven by
// playwright-core, the explorer served by the sandbox at BASE_URL, and a
// record of every console error, page error and failed request.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
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

/** A fresh page whose problems are collected in `problems`. With
 * `apiErrors: true`, error statuses from the API (the try-it tests provoke
 * them on purpose) are not problems; anything else still is. */
export async function openPage(browser, { apiErrors = false, ...options } = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems = [];
  const expected = (url) => apiErrors && /\/(v1|v2|sandbox)\//.test(new URL(url).pathname);
  page.on('console', (m) => {
    if (m.type() !== 'error' && m.type() !== 'warning') return;
    // Chromium logs every 4xx/5xx fetch as an error; it names no URL, so
    // such lines are judged by the response events below.
    if (apiErrors && /^Failed to load resource: the server responded with a status of [45]\d\d/.test(m.text())) return;
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
  page.on('response', (r) => { if (r.status() >= 400 && !expected(r.url())) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  return { context, page, problems };
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
export async function waitForRoute(page, route) {
  await page.waitForSelector(`[data-testid=page][data-route="${route}"]`, { timeout: 10_000 });
}
