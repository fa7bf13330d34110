// Every section and endpoint is reachable by clicking in the sidebar and by
// loading its address directly, with its content on screen and nothing in
// the console.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launch, openPage, summaryPages, waitForRoute } from './helpers.mjs';

const pages = summaryPages();
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the summary lists every required endpoint', () => {
  const ops = pages.filter((p) => p.method).map((p) => `${p.method} ${p.path}`);
  for (const required of [
    'GET /v2/ping', 'GET /v2/projects/{id}/status', 'GET /v1/projects', 'POST /v1/auth/token',
    'GET /v1/resources', 'POST /v1/resources', 'GET /v1/resources/{id}', 'PATCH /v1/resources/{id}',
    'DELETE /v1/resources/{id}', 'GET /v1/events',
  ]) {
    assert.ok(ops.includes(required), `${required} is documented`);
  }
});

test('every page is reached by clicking its sidebar link', async () => {
  const { context, page, problems } = await openPage(browser);
  await page.goto(`${BASE_URL}/`);
  await waitForRoute(page, '/');
  for (const p of pages) {
    await page.click(`[data-testid=sidebar] a[data-route="${p.route}"]`);
    await waitForRoute(page, p.route);
    assert.equal(new URL(page.url()).pathname, p.route);
    assert.equal((await page.textContent('h1.page-title')).trim(), p.title);
    assert.equal(await page.getAttribute(`[data-testid=sidebar] a[data-route="${p.route}"]`, 'aria-current'), 'page');
    if (p.method) {
      const header = await page.textContent('[data-testid=operation-header]');
      assert.ok(header.includes(p.method) && header.includes(p.path), `${p.route} shows ${p.method} ${p.path}`);
    }
    const words = (await page.textContent('[data-testid=page]')).length;
    assert.ok(words > 200, `${p.route} has content`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('every page loads from its own address (deep links survive a reload)', async () => {
  const { context, page, problems } = await openPage(browser);
  for (const p of pages) {
    const response = await page.goto(`${BASE_URL}${p.route}`);
    assert.equal(response.status(), 200, `${p.route} is served`);
    await waitForRoute(page, p.route);
    assert.equal((await page.textContent('h1.page-title')).trim(), p.title);
    const expectedTitle = p.route === '/' ? 'Cloud API Explorer' : `${p.title} · Cloud API Explorer`;
    assert.equal(await page.title(), expectedTitle);
  }
  await page.reload();
  await waitForRoute(page, pages.at(-1).route);
  assert.deepEqual(problems, []);
  await context.close();
});

test('heading anchors scroll into view and back/forward navigation works', async () => {
  const { context, page, problems } = await openPage(browser);
  await page.goto(`${BASE_URL}/errors#rate_limited`);
  await waitForRoute(page, '/errors');
  await page.waitForFunction(() => {
    const r = document.getElementById('rate_limited')?.getBoundingClientRect();
    return r && r.top >= 0 && r.top < window.innerHeight;
  });
  await page.waitForSelector('#rate_limited a.anchor[href="#rate_limited"]', { timeout: 5_000 }); // headings carry their own anchor link
  await page.click('[data-testid=sidebar] a[data-route="/pagination"]');
  await waitForRoute(page, '/pagination');
  await page.goBack();
  await waitForRoute(page, '/errors');
  await page.goForward();
  await waitForRoute(page, '/pagination');
  assert.deepEqual(problems, []);
  // An unknown path is the app's not-found page, with the status a crawler needs.
  const missing = await page.goto(`${BASE_URL}/no/such/page`);
  assert.equal(missing.status(), 404, 'unknown non-API paths answer 404');
  await page.waitForSelector('[data-testid=not-found]');
  await context.close();
});

test('tables, highlighted code, callouts and parameter tables render', async () => {
  const { context, page, problems } = await openPage(browser);
  await page.goto(`${BASE_URL}/authentication`);
  await waitForRoute(page, '/authentication');
  const table = await page.textContent('.prose table');
  assert.ok(table.includes('X-Request-Id') && table.includes('X-API-Version'), 'the required headers table');
  await page.waitForSelector('.prose .code-block .tok-flag', { timeout: 5_000 }); // shell code is highlighted
  await page.waitForSelector('.prose .callout', { timeout: 5_000 }); // the heads-up callout

  await page.goto(`${BASE_URL}/reference/list-resources`);
  await waitForRoute(page, '/reference/list-resources');
  const limit = await page.textContent('[data-testid=params-query] tr:has(code:text-is("limit"))');
  assert.match(limit, /integer/);
  assert.match(limit, /1–100/);
  assert.match(limit, /default 20/);
  const responses = await page.textContent('[data-testid=responses]');
  for (const status of ['200', '400', '401', '403', '429']) assert.ok(responses.includes(status), `response ${status}`);
  await page.waitForSelector('.code-block .tok-key', { timeout: 5_000 }); // JSON examples are highlighted
  assert.deepEqual(problems, []);
  await context.close();
});

test('the favicon is served', async () => {
  const { context, page } = await openPage(browser);
  const response = await page.goto(`${BASE_URL}/favicon.svg`);
  assert.equal(response.status(), 200);
  assert.match(response.headers()['content-type'], /image\/svg\+xml/);
  await context.close();
});
