// The support desk: a customer's cURL pasted, matched, replayed, shared
// and opened again; the history; search by keyboard alone; the OpenAPI
// export.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, demoKey, expectCount, launch, openPage, sendAndWait, waitForRoute, watch } from './helpers.mjs';

let browser;
let pro;
before(async () => {
  browser = await launch();
  pro = await demoKey('pro');
});
after(async () => { await browser?.close(); });

async function useKey(page, key) {
  await page.click('[data-testid=connection-chip]');
  await page.check('[data-testid=mode-key]');
  await page.fill('[data-testid=api-key-input]', key);
  await page.click('[data-testid=get-token]');
  await page.keyboard.press('Escape');
}

test('a pasted browser cURL is matched, prefilled, sent, shared and reopened exactly', async () => {
  // Provoked on purpose: 400 (the unknown body field).
  const { context, page, problems } = await openPage(browser, { expect: [400] });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE_URL });
  await page.goto(`${BASE_URL}/`);
  await waitForRoute(page, '/');
  await page.click('[data-testid=paste-curl-button]');
  await page.waitForSelector('[data-testid=paste-dialog]', { timeout: 15_000 });
  // As Chrome's "Copy as cURL (bash)" writes it.
  const command = [
    `curl '${BASE_URL}/v1/resources' \\`,
    `  -H 'accept: */*' \\`,
    `  -H 'content-type: application/json' \\`,
    `  -H 'origin: ${BASE_URL}' \\`,
    `  -H 'X-API-Key: ${pro}' \\`,
    `  -H 'sec-fetch-mode: cors' \\`,
    `  --data-raw $'{"name":"it\\'s a \\u00e9t\\u00e9 test","region":"eu-west","tier":"gold"}' \\`,
    `  --compressed --max-time 20 -F 'x=1'`,
  ].join('\n');
  await page.fill('[data-testid=paste-input]', command);
  await page.waitForSelector('[data-testid=paste-result]');
  assert.match(await page.textContent('[data-testid=paste-match]'), /POST\s*\/v1\/resources/);
  const findings = await page.textContent('[data-testid=findings]');
  assert.match(findings, /tier/, 'the unknown body field is listed');
  assert.match(findings, /-F/, 'the unsupported flag is listed');
  assert.match(findings, /--compressed/, 'the ignored flag is listed');
  await page.click('[data-testid=paste-open]');
  await page.waitForSelector('[data-testid=try-it][data-operation=create-resource]', { timeout: 15_000 });
  assert.equal(new URL(page.url()).pathname, '/reference/create-resource');
  await page.click('[data-testid=body-json-tab]');
  const body = JSON.parse(await page.inputValue('[data-testid=body-json]'));
  assert.deepEqual(body, { name: "it's a été test", region: 'eu-west', tier: 'gold' });
  assert.doesNotMatch(await page.textContent('[data-testid=try-it]'), /sk_live_/, 'the key was kept out of the form');

  await useKey(page, pro);
  assert.equal(await sendAndWait(page), 400, 'the unknown field is refused, as the findings said');
  await page.fill('[data-testid=body-json]', JSON.stringify({ name: "it's a été test", region: 'eu-west' }, null, 2));
  assert.equal(await sendAndWait(page), 201);

  await page.click('[data-testid=share]');
  const link = await page.inputValue('[data-testid=share-link]');
  assert.ok(link.includes('#share='), link);
  assert.ok(!link.includes(pro), 'no credential in the link');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  const otherProblems = watch(other);
  await other.goto(link);
  await other.waitForSelector('[data-testid=try-it][data-operation=create-resource]', { timeout: 15_000 });
  await other.click('[data-testid=body-json-tab]');
  assert.deepEqual(JSON.parse(await other.inputValue('[data-testid=body-json]')), { name: "it's a été test", region: 'eu-west' });
  assert.match(await other.textContent('[data-testid=connection-chip]'), /Sandbox/);
  assert.match(await other.textContent('[data-testid=snippet]'), /"name": "it'\\''s a été test"/);
  assert.deepEqual(otherProblems, [], 'the page opened from the link has no errors either');
  await fresh.close();
  assert.deepEqual(problems, []);
  await context.close();
});

test('a command matching no operation opens in the generic request panel', async () => {
  // Provoked on purpose: 405 (PUT on a PATCH path).
  const { context, page, problems } = await openPage(browser, { expect: [405] });
  await page.goto(`${BASE_URL}/quick-start`);
  await waitForRoute(page, '/quick-start');
  await page.click('[data-testid=paste-curl-button]');
  await page.waitForSelector('[data-testid=paste-dialog]', { timeout: 15_000 });
  await page.fill('[data-testid=paste-input]', `curl -X PUT ${BASE_URL}/v1/resources/res_8f2a -H 'X-Trace: 1' -d '{"name":"x"}'`);
  await page.waitForSelector('[data-testid=paste-result]');
  assert.match(await page.textContent('[data-testid=paste-match]'), /No documented operation/);
  assert.match(await page.textContent('[data-testid=findings]'), /PATCH/, 'says which methods the path takes');
  await page.click('[data-testid=paste-open]');
  await page.waitForSelector('[data-testid=generic-request]', { timeout: 15_000 });
  assert.equal(new URL(page.url()).pathname, '/request');
  assert.equal(await page.inputValue('[data-testid=generic-url]'), `${BASE_URL}/v1/resources/res_8f2a`);
  assert.equal(await page.inputValue('[data-testid=generic-method]'), 'PUT');
  assert.equal(await sendAndWait(page), 405);
  assert.match(await page.textContent('[data-testid=problem]'), /method_not_allowed/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('history: kept across reloads, replayed, shared, deleted and cleared, never with a credential', async () => {
  // Provoked on purpose: 404 (proj_nope).
  const { context, page, problems } = await openPage(browser, { expect: [404] });
  await page.goto(`${BASE_URL}/reference/get-project-status`);
  await waitForRoute(page, '/reference/get-project-status');
  await page.click('[data-testid=try-it-open]');
  await page.waitForSelector('[data-testid=try-it]', { timeout: 15_000 });
  await useKey(page, pro);
  assert.equal(await sendAndWait(page), 200);
  await page.fill('[data-testid=input-id]', 'proj_nope');
  assert.equal(await sendAndWait(page), 404);
  const stored = await page.evaluate(() => localStorage.getItem('explorer.history'));
  assert.ok(stored && !stored.includes(pro), 'stored, without the key');

  await page.reload();
  await waitForRoute(page, '/reference/get-project-status');
  await page.click('[data-testid=history-button]');
  await page.waitForSelector('[data-testid=history-dialog]', { timeout: 15_000 });
  const items = page.locator('[data-testid=history-item]');
  await expectCount(page, '[data-testid=history-item]', 2);
  assert.match(await items.nth(0).textContent(), /proj_nope.*404/s);
  assert.match(await items.nth(1).textContent(), /proj_8f2a.*200/s);

  await page.keyboard.press('Escape');
  await useKey(page, pro);
  await page.click('[data-testid=history-button]');
  await page.locator('[data-testid=history-replay]').nth(1).click();
  await page.waitForSelector('[data-testid=response]', { timeout: 15_000 });
  assert.equal(await page.inputValue('[data-testid=input-id]'), 'proj_8f2a');
  assert.equal(await page.getAttribute('[data-testid=response]', 'data-status'), '200', 'replayed on arrival');

  await page.click('[data-testid=history-button]');
  await expectCount(page, '[data-testid=history-item]', 3, 'the replay joined the history');
  await page.locator('[data-testid=history-delete]').first().click();
  await expectCount(page, '[data-testid=history-item]', 2);
  await page.click('[data-testid=history-clear]');
  await expectCount(page, '[data-testid=history-item]', 0);
  await page.reload();
  await waitForRoute(page, '/reference/get-project-status');
  await page.click('[data-testid=history-button]');
  await page.waitForSelector('[data-testid=history-dialog]', { timeout: 15_000 });
  await expectCount(page, '[data-testid=history-item]', 0, 'still empty after a reload');
  assert.deepEqual(problems, []);
  await context.close();
});

test('search is reachable and usable by keyboard alone', async () => {
  const { context, page, problems } = await openPage(browser);
  await page.goto(`${BASE_URL}/`);
  await waitForRoute(page, '/');
  await page.keyboard.press('/');
  await page.waitForSelector('[data-testid=palette]');
  await page.keyboard.type('idempotency key');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=palette-results] [role=option]').length > 1);
  const first = await page.textContent('[data-testid=palette-results] [role=option]');
  assert.match(first, /Idempotency/i);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid=palette]', { state: 'detached' });
  await page.waitForSelector('mark.search-hit');
  assert.match(await page.textContent('mark.search-hit'), /key/i);
  const visible = await page.$eval('mark.search-hit', (m) => { const r = m.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; });
  assert.ok(visible, 'scrolled to the match');

  await page.keyboard.press('Control+k');
  await page.keyboard.type('POST /v1/resources');
  await page.keyboard.press('Enter');
  await waitForRoute(page, '/reference/create-resource');
  await page.keyboard.press('Control+k');
  await page.keyboard.type('zzqqxx');
  assert.match(await page.textContent('[data-testid=palette-results]'), /Nothing matches/);
  await page.keyboard.press('Escape');
  await page.waitForSelector('[data-testid=palette]', { state: 'detached' });
  assert.deepEqual(problems, []);
  await context.close();
});

test('the OpenAPI document generated from the docs downloads from the palette', async () => {
  const { context, page, problems } = await openPage(browser);
  await page.goto(`${BASE_URL}/`);
  await waitForRoute(page, '/');
  await page.keyboard.press('Control+k');
  await page.keyboard.type('openapi');
  const download = page.waitForEvent('download', { timeout: 15_000 });
  await page.keyboard.press('Enter');
  const file = await download;
  assert.equal(file.suggestedFilename(), 'cloud-api.openapi.json');
  const chunks = [];
  for await (const chunk of await file.createReadStream()) chunks.push(chunk);
  const doc = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  assert.match(doc.openapi, /^3\.1/);
  assert.ok(doc.paths['/v1/resources'].post, 'create-resource is exported');
  assert.equal(doc.paths['/v1/resources/{id}'].patch.operationId, 'update-resource');
  assert.deepEqual(problems, []);
  await context.close();
});
