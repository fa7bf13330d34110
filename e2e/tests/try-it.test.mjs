// Try it, end to end against the sandbox: tokens from demo keys, the whole
// life of a resource, scopes, rate limits, and where secrets must never
// appear. Expiry and renewal are in token-renewal.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, connectDemo, launch, openPage, openTryIt, sendAndWait, waitForRoute } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function goTo(page, id) {
  await page.click(`[data-testid=sidebar] a[data-route="/reference/${id}"]`);
  await page.waitForSelector(`[data-testid=try-it][data-operation="${id}"]`, { timeout: 15_000 });
}

async function json(page) {
  await page.click('[data-testid=tab-raw]');
  const text = await page.textContent('[data-testid=raw-body]');
  await page.click('[data-testid=tab-body]');
  return JSON.parse(text);
}

test('a demo key becomes a token, with its scopes and a countdown', async () => {
  const { context, page, problems } = await openPage(browser, { expect: [] });
  // The page's clock runs 10 s behind the sandbox's, so the countdown reads
  // the full hour exactly (it never shows more than the token's lifetime),
  // whatever the machine's speed.
  await page.clock.install({ time: Date.now() - 10_000 });
  await openTryIt(page, 'ping');
  const status = await connectDemo(page, 'pro');
  assert.match(status, /resources:read/);
  assert.match(status, /resources:write/);
  assert.match(status, /expires in 1:00:00/);
  const chip = await page.textContent('[data-testid=connection-chip]');
  assert.match(chip, /Sandbox/);
  assert.match(chip, /Token · 1:00:00/);
  assert.equal(await sendAndWait(page), 200);
  const body = await json(page);
  assert.equal(body.authenticated, true);
  assert.deepEqual(problems, []);
  await context.close();
});

test('create, list, next page, update and delete a resource through the UI', async () => {
  // Provoked on purpose: 404 (reading the deleted resource).
  const { context, page, problems } = await openPage(browser, { expect: [404], viewport: { width: 1440, height: 1000 } });
  await openTryIt(page, 'create-resource');
  await connectDemo(page, 'pro');

  // The cURL follows the form as it is typed, with the token as $TOKEN.
  await page.fill('[data-testid=body-name]', `it's "quoted" $HOME`);
  const curl = await page.textContent('[data-testid=snippet]');
  assert.match(curl, /curl .*\/v1\/resources/);
  assert.match(curl, /-H "Authorization: Bearer \$TOKEN"/);
  assert.ok(curl.includes(`it'\\''s \\"quoted\\" $HOME`), `quoted in bash: ${curl}`);

  const created = [];
  for (const name of ['first', 'second', 'third']) {
    await page.fill('[data-testid=body-name]', `walk-${name}`);
    assert.equal(await sendAndWait(page), 201);
    created.push((await json(page)).id);
  }
  assert.match(await page.textContent('[data-testid=rate-meter]'), /of 1000 left/);
  assert.match(await page.textContent('[data-testid=request-id]'), /\S{8,}/);

  await goTo(page, 'list-resources');
  await page.fill('[data-testid=input-limit]', '2');
  assert.equal(await sendAndWait(page), 200);
  const first = await json(page);
  assert.equal(first.data.length, 2);
  assert.equal(first.has_more, true);
  assert.deepEqual(first.data.map((r) => r.id), [created[2], created[1]], 'newest first');
  assert.equal(await sendAndWait(page, '[data-testid=next-page]'), 200);
  const second = await json(page);
  assert.equal(second.data[0].id, created[0], 'the next page continues where the first ended');
  assert.match(await page.inputValue('[data-testid=input-cursor]'), /\S+/, 'the cursor field was filled in');

  await goTo(page, 'update-resource');
  await page.fill('[data-testid=input-id]', created[0]);
  await page.click('[data-testid=body-json-tab]');
  await page.fill('[data-testid=body-json]', '{"status": "archived"}');
  assert.equal(await sendAndWait(page), 200);
  assert.equal((await json(page)).status, 'archived');

  await goTo(page, 'delete-resource');
  await page.fill('[data-testid=input-id]', created[0]);
  assert.equal(await sendAndWait(page), 204);
  assert.equal(await page.textContent('[data-testid=response-status]'), '204 No Content');
  assert.equal(await sendAndWait(page), 404, 'gone after the delete');
  assert.match(await page.textContent('[data-testid=problem]'), /not_found/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('an idempotent write resent with the same key is replayed', async () => {
  const { context, page, problems } = await openPage(browser, { expect: [] });
  await openTryIt(page, 'create-resource');
  await connectDemo(page, 'pro');
  await page.click('[data-testid=generate-Idempotency-Key]');
  assert.equal(await sendAndWait(page), 201);
  const id = (await json(page)).id;
  assert.equal(await sendAndWait(page, '[data-testid=resend-same-key]'), 201);
  await page.waitForSelector('[data-testid=replayed]', { timeout: 5_000 }); // the replay is marked
  assert.equal((await json(page)).id, id, 'the stored response comes back');
  assert.deepEqual(problems, []);
  await context.close();
});

test('validation explains mistakes beside the field but still lets you send', async () => {
  // Provoked on purpose: 400 (the invalid values).
  const { context, page, problems } = await openPage(browser, { expect: [400] });
  await openTryIt(page, 'create-resource');
  await connectDemo(page, 'pro');
  await page.fill('[data-testid=body-name]', 'x'.repeat(81));
  assert.match(await page.textContent('[data-testid=form-body]'), /80/);
  assert.match(await page.textContent('[data-testid=issue-count]'), /1 problem/);
  assert.equal(await sendAndWait(page), 400);
  const problem = await page.textContent('[data-testid=problem]');
  assert.match(problem, /validation_failed/);
  assert.match(problem, /name/);
  await page.click('[data-testid=body-json-tab]');
  await page.fill('[data-testid=body-json]', '{\n  "name": "a",\n}');
  assert.match(await page.textContent('[data-testid=body-error]'), /line 3, column 1/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a read-only key gets 403 on a write, with the docs hint', async () => {
  // Provoked on purpose: 403 (the write with a read-only key).
  const { context, page, problems } = await openPage(browser, { expect: [403] });
  await openTryIt(page, 'create-resource');
  const status = await connectDemo(page, 'read-only');
  assert.doesNotMatch(status, /resources:write/);
  assert.equal(await sendAndWait(page), 403);
  const card = await page.textContent('[data-testid=problem]');
  assert.match(card, /insufficient_scope/);
  assert.match(await page.textContent('[data-testid=problem-hint]'), /scope/);
  assert.equal(await page.getAttribute('[data-testid=problem-hint] a', 'href'), '/errors#insufficient_scope');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the free key is rate limited after 60 requests, with a Retry-After countdown', async () => {
  // Provoked on purpose: 429 (the 61st request).
  const { context, page, problems } = await openPage(browser, { expect: [429] });
  await openTryIt(page, 'list-resources');
  await page.click('[data-testid=connection-chip]');
  await page.click('[data-testid=mode-key]');
  await page.click('[data-testid=demo-key-free]');
  await page.waitForSelector('[data-testid=chip-auth]:has-text("API key")');
  await page.keyboard.press('Escape');
  // Counted, not timed: each answer's meter must drop by exactly one (or
  // start again at 59 when a new minute's window opens), and the 429 must
  // come right after the answer that left 0.
  const left = async () => Number((await page.textContent('[data-testid=rate-remaining]')).match(/(\d+) of 60 left/)[1]);
  let status = await sendAndWait(page);
  let previous = await left();
  let sent = 1;
  while (status !== 429 && sent < 130) {
    status = await sendAndWait(page);
    sent += 1;
    if (status === 429) break;
    const now = await left();
    assert.ok(now === previous - 1 || now === 59, `the meter went from ${previous} to ${now}`);
    previous = now;
  }
  assert.equal(status, 429);
  assert.equal(previous, 0, 'refused only once none were left');
  assert.match(await page.textContent('[data-testid=retry-after]'), /retry in \d+ s/);
  assert.match(await page.textContent('[data-testid=rate-meter]'), /0 of 60 left/);
  assert.match(await page.textContent('[data-testid=problem-hint]'), /rate limit/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('no key or token reaches storage, the URL or the copied cURL by default', async () => {
  const { context, page, problems } = await openPage(browser, { expect: [] });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE_URL });
  await openTryIt(page, 'create-resource');
  const key = (await (await fetch(`${BASE_URL}/sandbox/keys`)).json()).keys.find((k) => k.name === 'pro').key;
  await page.click('[data-testid=connection-chip]');
  await page.click('[data-testid=demo-key-pro]');
  await page.waitForSelector('[data-testid=token-status]');
  assert.equal(await page.inputValue('[data-testid=api-key-input]'), '', 'the key field is cleared');
  await page.keyboard.press('Escape');
  assert.equal(await sendAndWait(page), 201);
  const shown = await page.textContent('[data-testid=snippet]');
  await page.click('[data-testid=copy-snippet]');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(copied, /\$TOKEN/);
  await page.click('[data-testid=copy-with-secret]');
  const revealed = await page.evaluate(() => navigator.clipboard.readText());
  const jwt = revealed.match(/Bearer (ey[\w-]+\.[\w-]+\.[\w-]+)/)?.[1];
  assert.ok(jwt, 'copy with secret holds the real token');
  const storage = await page.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage } }));
  for (const secret of [key, jwt]) {
    assert.ok(!copied.includes(secret), 'not in the default copy');
    assert.ok(!storage.includes(secret), 'not in storage');
    assert.ok(!page.url().includes(secret), 'not in the URL');
    assert.ok(!shown.includes(secret), 'not in the shown snippet');
  }
  assert.deepEqual(problems, []);
  await context.close();
});
