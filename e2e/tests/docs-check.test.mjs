// Every response is compared with the docs: a sandbox answer "matches the
// docs"; a server that drifts from them (an extra field, a wrong type, a
// value outside its enum, a missing header) gets each difference listed
// with its JSON path and a link to the documentation row; and a body pasted
// in the palette's "Check a response body" dialog is checked the same way.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, captureServer, connectDemo, launch, openPage, openTryIt, sendAndWait, useTarget, waitForRoute } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const differences = (page) => page.$$eval('[data-testid=docs-difference]', (items) => items.map((li) => ({
  path: li.querySelector('[data-testid=docs-difference-path]').textContent,
  kind: li.dataset.kind,
  link: li.querySelector('a')?.getAttribute('href') ?? null,
})));

test('sandbox responses match the docs', async () => {
  const { context, page, problems } = await openPage(browser);
  await openTryIt(page, 'ping');
  assert.equal(await sendAndWait(page), 200);
  await page.waitForSelector('[data-testid=docs-check][data-state=match]');
  assert.match(await page.textContent('[data-testid=docs-check]'), /Matches the docs/);

  await openTryIt(page, 'create-resource');
  await connectDemo(page, 'pro');
  await page.click('[data-testid=fill-example]');
  assert.equal(await sendAndWait(page), 201);
  await page.waitForSelector('[data-testid=docs-check][data-state=match]');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a target that drifts from the docs shows each difference, with its path and link', async () => {
  const drift = await captureServer((req) => req.url.startsWith('/v2/ping') ? {
    status: 200,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ status: 'ok', version: 'v3', time: 1777370529, authenticated: false, region: 'eu' }),
  } : req.url.startsWith('/v1/resources') ? {
    status: 429,
    headers: { 'Content-Type': 'application/problem+json' },
    body: JSON.stringify({ type: 'about:blank', title: 'Slow down', status: 429, detail: 'Too many', code: 'rate_limited', param: null, request_id: 'r1', doc_url: 'https://x.dev/errors' }),
  } : null);
  const { context, page, problems } = await openPage(browser, { expect: [429] });
  try {
    await openTryIt(page, 'ping');
    await useTarget(page, drift.url);
    assert.equal(await sendAndWait(page), 200);
    await page.waitForSelector('[data-testid=docs-check][data-state=differ]');
    assert.match(await page.textContent('[data-testid=docs-check]'), /3 differences from the docs/);
    assert.deepEqual(await differences(page), [
      { path: '$.version', kind: 'outside the limits', link: '/reference/ping#object-ping-version' },
      { path: '$.time', kind: 'wrong type', link: '/reference/ping#object-ping-time' },
      { path: '$.region', kind: 'undocumented field', link: '/reference/ping#object-ping' },
    ]);
    // The link leads to the row that documents the field.
    await page.click('[data-testid=docs-difference] a[href="/reference/ping#object-ping-version"]');
    await page.waitForFunction(() => location.hash === '#object-ping-version');
    await page.waitForSelector('#object-ping-version');

    // An undocumented header is not a difference; a missing documented one is.
    await openTryIt(page, 'list-resources');
    assert.equal(await sendAndWait(page), 429);
    await page.waitForSelector('[data-testid=docs-check][data-state=differ]');
    assert.deepEqual(await differences(page), [
      { path: 'Retry-After', kind: 'missing header', link: '/reference/list-resources#response-429' },
    ]);
  } finally {
    drift.close();
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('a pasted body is checked against the operation and status chosen', async () => {
  const { context, page, problems } = await openPage(browser);
  await page.goto(`${BASE_URL}/reference/get-resource`);
  await waitForRoute(page, '/reference/get-resource');
  await page.keyboard.press('Control+k');
  await page.keyboard.type('check a response');
  await page.click('[data-testid=palette-results] [role=option]:has-text("Check a response body against the docs")');
  await page.waitForSelector('[data-testid=check-body-dialog]', { timeout: 15_000 });
  assert.equal(await page.inputValue('[data-testid=check-body-operation]'), 'get-resource');
  assert.equal(await page.inputValue('[data-testid=check-body-status]'), '200');
  const body = { id: 'res_8f2a', name: 'Primary', region: 'us-east', status: 'paused', metadata: {}, created_at: '2026-03-14T09:21:00Z', updated_at: '2026-03-14T09:21:00Z' };
  await page.fill('[data-testid=check-body-input]', JSON.stringify(body, null, 2));
  await page.click('[data-testid=check-body-run]');
  await page.waitForSelector('[data-testid=check-body-dialog] [data-testid=docs-check][data-state=differ]');
  assert.deepEqual(await differences(page), [
    { path: '$.status', kind: 'outside the limits', link: '/reference/get-resource#object-resource-status' },
  ]);
  await page.fill('[data-testid=check-body-input]', JSON.stringify({ ...body, status: 'archived' }));
  await page.click('[data-testid=check-body-run]');
  await page.waitForSelector('[data-testid=check-body-dialog] [data-testid=docs-check][data-state=match]');
  // A problem body against an error status, chosen by hand.
  await page.fill('[data-testid=check-body-status]', '404');
  await page.fill('[data-testid=check-body-input]', '{"type": "x", "status": 404,}');
  await page.click('[data-testid=check-body-run]');
  await page.waitForSelector('[data-testid=check-body-dialog] [data-testid=docs-check][data-state=differ]');
  assert.match(await page.textContent('[data-testid=docs-difference]'), /not valid JSON: line 1, column \d+/);
  await page.fill('[data-testid=check-body-status]', 'two hundred');
  await page.click('[data-testid=check-body-run]');
  assert.match(await page.textContent('[data-testid=check-body-error]'), /not an HTTP status/);
  assert.deepEqual(problems, []);
  await context.close();
});
