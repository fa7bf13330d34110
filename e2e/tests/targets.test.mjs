// The environment is the user's: a pasted command, a share link or a
// history replay never changes it, and a credential never leaves for
// another origin without the user confirming that origin. A capture server
// on another port records every header it is sent.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, captureServer, connectDemo, demoKey, expectCount, launch, openPage, sendAndWait, waitForRoute } from './helpers.mjs';

let browser;
let pro;
let capture;
/** Requests the capture server received (preflights excluded). */
let captured;
let server;

before(async () => {
  browser = await launch();
  pro = await demoKey('pro');
  server = await captureServer();
  ({ url: capture, captured } = server);
});
after(async () => { await browser?.close(); server?.close(); });

const credentialHeaders = (h) => Object.keys(h).filter((n) => ['authorization', 'x-api-key'].includes(n));
const savedEnvironment = (page) => page.evaluate(() => localStorage.getItem('explorer.environment'));

async function paste(page, command) {
  await page.click('[data-testid=paste-curl-button]');
  await page.waitForSelector('[data-testid=paste-dialog]', { timeout: 15_000 });
  await page.fill('[data-testid=paste-input]', command);
  await page.waitForSelector('[data-testid=paste-result]');
  await page.click('[data-testid=paste-open]');
}

test('an unmatched paste opens with its whole URL and never becomes the base URL', async () => {
  const { context, page, problems } = await openPage(browser, { expect: [] });
  await page.goto(`${BASE_URL}/reference/list-resources`);
  await waitForRoute(page, '/reference/list-resources');
  await connectDemo(page, 'pro');
  const before = await savedEnvironment(page);
  await paste(page, `curl '${capture}/v1/widgets/w_1?limit=2'`);
  await page.waitForSelector('[data-testid=generic-request]', { timeout: 15_000 });
  assert.equal(await page.inputValue('[data-testid=generic-url]'), `${capture}/v1/widgets/w_1?limit=2`);
  assert.equal(await savedEnvironment(page), before, 'the saved environment is unchanged');
  assert.match(await page.textContent('[data-testid=connection-chip]'), /Sandbox/);
  // The token belongs to the sandbox: held back, and the panel says so.
  assert.match(await page.textContent('[data-testid=credential-notice]'), new RegExp(`not sent to ${capture}`));
  assert.doesNotMatch(await page.textContent('[data-testid=snippet]'), /Authorization/);
  const count = captured.length;
  await sendAndWait(page);
  assert.equal(captured.length, count + 1);
  assert.deepEqual(credentialHeaders(captured.at(-1).headers), [], 'no credential left without confirmation');
  assert.equal(captured.at(-1).url, '/v1/widgets/w_1?limit=2');

  // Every documented request still goes to the sandbox, after a reload too.
  await page.goto(`${BASE_URL}/reference/list-resources`);
  await waitForRoute(page, '/reference/list-resources');
  await page.click('[data-testid=try-it-open]');
  await page.waitForSelector('[data-testid=try-it][data-operation=list-resources]', { timeout: 15_000 });
  assert.ok((await page.textContent('.request-url')).startsWith(`${BASE_URL}/v1/resources`));
  assert.equal(await savedEnvironment(page), before);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a production-host paste keeps production in its panel; the credential needs confirming', async () => {
  const { context, page, problems } = await openPage(browser, { expect: [] });
  const production = [];
  // Production is out of reach here: its requests are answered in the browser.
  await context.route('https://api.cloudplatform.dev/**', (route) => {
    const request = route.request();
    if (request.method() !== 'OPTIONS') production.push(request.headers());
    route.fulfill({ status: 200, contentType: 'application/json', headers: { 'Access-Control-Allow-Origin': '*' }, body: '{"data":[],"next_cursor":null,"has_more":false}' });
  });
  await page.goto(`${BASE_URL}/`);
  await waitForRoute(page, '/');
  await connectDemo(page, 'pro');
  const before = await savedEnvironment(page);
  await paste(page, `curl 'https://api.cloudplatform.dev/v1/resources?limit=5' -H 'Accept: application/json'`);
  await page.waitForSelector('[data-testid=try-it][data-operation=list-resources]', { timeout: 15_000 });
  assert.equal(await savedEnvironment(page), before, 'the saved environment is unchanged');
  assert.match(await page.textContent('[data-testid=connection-chip]'), /Sandbox/);
  assert.match(await page.textContent('[data-testid=destination-notice]'), /goes to Production \(https:\/\/api\.cloudplatform\.dev\), not to your environment, Sandbox/);
  assert.equal(await page.textContent('.request-url'), 'https://api.cloudplatform.dev/v1/resources?limit=5');
  assert.match(await page.textContent('[data-testid=credential-notice]'), /not sent to https:\/\/api\.cloudplatform\.dev/);

  await sendAndWait(page);
  assert.equal(production.length, 1);
  assert.deepEqual(credentialHeaders(production[0]), [], 'no credential without confirmation');
  await page.click('[data-testid=confirm-origin]');
  await page.waitForSelector('[data-testid=credential-notice]', { state: 'detached' });
  await sendAndWait(page);
  assert.equal(production.length, 2);
  assert.match(production[1].authorization ?? '', /^Bearer /, 'sent once the user confirmed the origin');

  // "Send to Sandbox instead" goes back to the environment, which never moved.
  await page.click('[data-testid=use-environment]');
  await page.waitForSelector('[data-testid=destination-notice]', { state: 'detached' });
  assert.ok((await page.textContent('.request-url')).startsWith(`${BASE_URL}/v1/resources`));
  assert.equal(await savedEnvironment(page), before);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a share link with a custom target opens there without moving the environment', async () => {
  // The sharer works against the capture server.
  const sharer = await openPage(browser, { expect: [] });
  await sharer.page.goto(`${BASE_URL}/reference/ping`);
  await waitForRoute(sharer.page, '/reference/ping');
  await sharer.page.click('[data-testid=try-it-open]');
  await sharer.page.waitForSelector('[data-testid=try-it]', { timeout: 15_000 });
  await sharer.page.click('[data-testid=connection-chip]');
  await sharer.page.fill('[data-testid=env-custom-url]', capture);
  await sharer.page.click('[data-testid=env-custom-apply]');
  await sharer.page.keyboard.press('Escape');
  await sharer.page.click('[data-testid=share]');
  const link = await sharer.page.inputValue('[data-testid=share-link]');
  await sharer.context.close();

  const { context, page, problems } = await openPage(browser, { expect: [] });
  await page.goto(`${BASE_URL}/`);
  await waitForRoute(page, '/');
  await connectDemo(page, 'pro');
  const before = await savedEnvironment(page);
  await page.goto(link);
  await page.waitForSelector('[data-testid=try-it][data-operation=ping]', { timeout: 15_000 });
  assert.equal(await savedEnvironment(page), before, 'the link did not change the saved environment');
  assert.match(await page.textContent('[data-testid=destination-notice]'), new RegExp(`goes to ${capture.replace('http://', '')}`));
  const count = captured.length;
  await sendAndWait(page);
  assert.equal(captured.length, count + 1);
  assert.deepEqual(credentialHeaders(captured.at(-1).headers), [], 'the token stayed home');
  await page.click('[data-testid=switch-environment]');
  assert.match(await savedEnvironment(page), new RegExp(`custom:${capture}`), 'switching is the user\'s explicit act');
  assert.deepEqual(problems, []);
  await context.close();
});

test('history: a replay keeps its target, writes ask first, a missing credential is said, delete can be undone', async () => {
  const { context, page, problems } = await openPage(browser, { expect: [] });
  await page.goto(`${BASE_URL}/reference/list-resources`);
  await waitForRoute(page, '/reference/list-resources');
  await page.click('[data-testid=try-it-open]');
  await page.waitForSelector('[data-testid=try-it]', { timeout: 15_000 });
  // A request to the capture server, sent with no credential at all.
  await page.click('[data-testid=connection-chip]');
  await page.fill('[data-testid=env-custom-url]', capture);
  await page.click('[data-testid=env-custom-apply]');
  await page.keyboard.press('Escape');
  await sendAndWait(page);
  // Back to the sandbox, connected: the token is the sandbox's.
  await page.click('[data-testid=connection-chip]');
  await page.check('[data-testid=env-sandbox]');
  await page.keyboard.press('Escape');
  await connectDemo(page, 'pro');
  // Followed as a link: a reload would forget the token.
  await page.click('[data-testid=sidebar] a[data-route="/reference/create-resource"]');
  await page.waitForSelector('[data-testid=try-it][data-operation=create-resource]', { timeout: 15_000 });
  assert.equal(await sendAndWait(page), 201);
  const before = await savedEnvironment(page);

  await page.click('[data-testid=history-button]');
  await page.waitForSelector('[data-testid=history-dialog]', { timeout: 15_000 });
  const items = page.locator('[data-testid=history-item]');
  await expectCount(page, '[data-testid=history-item]', 2);
  assert.match(await items.nth(0).textContent(), /POST.*\/v1\/resources.*"name"/s, 'the row shows the body');
  assert.match(await items.nth(1).textContent(), /GET.*\/v1\/resources\?limit=/s, 'the row shows the query');

  // The capture request: its target is kept, the token is not sent there.
  const count = captured.length;
  await page.locator('[data-testid=history-replay]').nth(1).click();
  await page.waitForSelector('[data-testid=refused]', { timeout: 15_000 });
  assert.match(await page.textContent('[data-testid=refused]'), /confirm in the panel/);
  assert.match(await page.textContent('[data-testid=destination-notice]'), new RegExp(capture.replace('http://', '')));
  assert.equal(captured.length, count, 'nothing was sent');
  assert.equal(await savedEnvironment(page), before, 'the replay did not change the saved environment');

  // A write asks first.
  await page.click('[data-testid=history-button]');
  await page.locator('[data-testid=history-replay]').nth(0).click();
  await page.waitForSelector('[data-testid=replay-confirm]');
  assert.match(await page.textContent('[data-testid=replay-confirm]'), /Send this POST again\?/);
  await page.click('[data-testid=replay-send]');
  await page.waitForSelector('[data-testid=try-it][data-operation=create-resource] [data-testid=response][data-status="201"]', { timeout: 15_000 });

  // Delete, then Undo.
  await page.click('[data-testid=history-button]');
  await expectCount(page, '[data-testid=history-item]', 3);
  await page.locator('[data-testid=history-delete]').first().click();
  await expectCount(page, '[data-testid=history-item]', 2);
  await page.click('[data-testid=history-undo]');
  await expectCount(page, '[data-testid=history-item]', 3);
  await page.click('[data-testid=history-clear]');
  await expectCount(page, '[data-testid=history-item]', 0);
  await page.click('[data-testid=history-undo]');
  await expectCount(page, '[data-testid=history-item]', 3);

  // After a reload there is no credential: the replay says one is needed.
  await page.reload();
  await waitForRoute(page, '/reference/create-resource');
  await page.click('[data-testid=history-button]');
  await page.waitForSelector('[data-testid=history-dialog]', { timeout: 15_000 });
  await page.locator('[data-testid=history-replay]').nth(2).click();
  await page.waitForSelector('[data-testid=refused]', { timeout: 15_000 });
  assert.match(await page.textContent('[data-testid=refused]'), /needs a credential/);
  assert.equal(await savedEnvironment(page), before);
  assert.deepEqual(problems, []);
  await context.close();
});

test('each credential keeps its own origin: pasted credentials, kept keys, mode switches and new keys', async () => {
  const { context, page, problems } = await openPage(browser, { expect: [] });
  await page.goto(`${BASE_URL}/reference/list-resources`);
  await waitForRoute(page, '/reference/list-resources');
  // A sandbox token whose key is kept for renewal.
  await connectDemo(page, 'pro', { keepKey: true });
  const count = captured.length;

  // A pasted command's expired token, opened with its credential: the key
  // kept for the sandbox's token must not follow it to the capture server.
  const expired = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ sub: 'key_x', scope: 'resources:read', iat: 1, exp: 2 })}.c2ln`;
  await page.click('[data-testid=paste-curl-button]');
  await page.fill('[data-testid=paste-input]', `curl '${capture}/v1/resources' -H 'Authorization: Bearer ${expired}'`);
  await page.waitForSelector('[data-testid=paste-open-with-credential]');
  await page.click('[data-testid=paste-open-with-credential]');
  await page.waitForSelector('[data-testid=try-it][data-operation=list-resources]', { timeout: 15_000 });
  // Renewal is checked once a second; give it three chances.
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  assert.deepEqual(captured.slice(count).filter((r) => r.url.includes('/auth/token')), [], 'no key went to the pasted origin');

  // A pasted API key for the capture server, then the "Bearer token" mode:
  // the sandbox's token is not sent to the capture server.
  await connectDemo(page, 'pro');
  await page.click('[data-testid=paste-curl-button]');
  await page.fill('[data-testid=paste-input]', `curl '${capture}/v1/resources' -H 'X-API-Key: sk_live_pastedkey0000000000000000000000'`);
  await page.waitForSelector('[data-testid=paste-open-with-credential]');
  await page.click('[data-testid=paste-open-with-credential]');
  await page.waitForSelector('[data-testid=try-it][data-operation=list-resources]', { timeout: 15_000 });
  await page.click('[data-testid=connection-chip]');
  await page.click('[data-testid=mode-token]');
  await page.keyboard.press('Escape');
  const before = captured.length;
  await sendAndWait(page);
  assert.equal(captured.length, before + 1);
  assert.deepEqual(credentialHeaders(captured.at(-1).headers), [], 'the sandbox token stayed with the sandbox');

  // Confirming the capture server for one token does not confirm it for
  // the next: a new key is a new credential.
  await page.click('[data-testid=confirm-origin]');
  await sendAndWait(page);
  assert.match(captured.at(-1).headers.authorization ?? '', /^Bearer /, 'sent once confirmed');
  await connectDemo(page, 'free');
  await page.waitForSelector('[data-testid=credential-notice]');
  await sendAndWait(page);
  assert.deepEqual(credentialHeaders(captured.at(-1).headers), [], 'the new token needs its own confirmation');
  assert.deepEqual(problems, []);
  await context.close();
});

function b64url(value) {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
