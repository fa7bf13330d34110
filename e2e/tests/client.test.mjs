// The playground's HTTP client on the wire: a capture server on another
// port records what arrives. The request is exactly the one the cURL shows
// (method, URL, headers, body bytes), sent in CORS mode; a redirect is
// followed without a credential and never with one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { captureServer, launch, openPage, openTryIt, sendAndWait, useTarget } from './helpers.mjs';

let browser;
let capture;
let server;
/** Requests received, preflights excluded, with their bodies. */
let captured;

before(async () => {
  browser = await launch();
  // A list request is redirected, to see that no credential follows it.
  server = await captureServer((req) => (req.url.startsWith('/v1/resources?') ? { status: 302, headers: { Location: '/moved' } } : null));
  ({ url: capture, captured } = server);
});
after(async () => { await browser?.close(); server?.close(); });

async function useKey(page, key) {
  await page.click('[data-testid=connection-chip]');
  await page.check('[data-testid=mode-key]');
  await page.fill('[data-testid=api-key-input]', key);
  await page.click('[data-testid=get-token]');
  await page.keyboard.press('Escape');
}

/** The headers of the cURL snippet, as `[name, value]` pairs; the key is
 * shown as `$API_KEY`, which the reader sets. */
const snippetHeaders = (text, key) => [...text.matchAll(/-H (['"])([^:'"]+): ([^'"]*)\1/g)]
  .map((m) => [m[2], m[3].replace('$API_KEY', key)]);

test('the request on the wire is the one the cURL shows', async () => {
  const { context, page, problems } = await openPage(browser);
  await openTryIt(page, 'create-resource');
  await useTarget(page, capture);
  const key = 'sk_live_0123456789abcdef0123456789abcdef';
  await useKey(page, key);
  await page.click('[data-testid=body-json-tab]');
  const body = '{\n  "name": "wire été",\n  "region": "eu-west"\n}';
  await page.fill('[data-testid=body-json]', body);
  await page.fill('[data-testid=input-X-Request-Id]', 'req 42; trace=a,b');
  const snippet = await page.textContent('[data-testid=snippet]');
  const count = captured.length;
  assert.equal(await sendAndWait(page), 200);
  assert.equal(captured.length, count + 1);
  const got = captured.at(-1);
  assert.equal(got.method, 'POST');
  assert.equal(`${capture}${got.url}`, await page.textContent('.request-url'));
  assert.ok(snippet.includes(`${capture}${got.url}`), 'the snippet names that URL');
  assert.equal(got.body, body, 'the body bytes, unchanged');
  assert.ok(snippet.includes(`--data-raw '${body}'`), 'as the snippet shows them');
  const shown = snippetHeaders(snippet, key);
  assert.deepEqual(shown.map(([n]) => n).sort(), ['Accept', 'Content-Type', 'X-API-Key', 'X-Request-Id']);
  for (const [name, value] of shown) assert.equal(got.headers[name.toLowerCase()], value, `header ${name}`);
  assert.equal(got.headers['sec-fetch-mode'], 'cors');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a redirect is followed without a credential, never with one', async () => {
  // The sandbox's keys are not involved: every request goes to the capture server.
  const { context, page, problems } = await openPage(browser);
  await openTryIt(page, 'list-resources');
  await useTarget(page, capture);
  let count = captured.length;
  assert.equal(await sendAndWait(page), 200, 'followed to /moved');
  assert.deepEqual(captured.slice(count).map((r) => r.url.split('?')[0]), ['/v1/resources', '/moved']);

  await useKey(page, 'sk_live_fedcba9876543210fedcba9876543210');
  count = captured.length;
  assert.equal(await sendAndWait(page), null);
  assert.match(await page.textContent('[data-testid=refused]'), /redirect, which was not followed/);
  assert.deepEqual(captured.slice(count).map((r) => r.url.split('?')[0]), ['/v1/resources'], 'the key never went to /moved');
  assert.equal(captured.at(-1).headers['x-api-key'], 'sk_live_fedcba9876543210fedcba9876543210');
  assert.deepEqual(problems, []);
  await context.close();
});
