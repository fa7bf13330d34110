// Expiry and renewal, with no real waiting: the page runs on Playwright's
// controllable clock, and the token exchange is answered with tokens signed
// by the sandbox's own secret (read from its database), issued at the page's
// time. The sandbox then accepts them, since real time lags the page's.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { BASE_URL, demoKey, launch, openPage, openTryIt, sendAndWait, waitForRoute } from './helpers.mjs';

let browser;
let pro;
let secret;
let subject;
before(async () => {
  browser = await launch();
  const db = process.env.SANDBOX_DB;
  assert.ok(db, 'SANDBOX_DB names the sandbox database (cargo xtask test sets it)');
  const hex = execFileSync('python3', ['-c', 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT hex(value) FROM meta WHERE name=\'jwt_secret\'").fetchone()[0])', db]).toString().trim();
  secret = Buffer.from(hex, 'hex');
  assert.equal(secret.length, 32, 'the signing secret was read');
  pro = await demoKey('pro');
  const real = await (await fetch(`${BASE_URL}/v1/auth/token`, { method: 'POST', headers: { 'X-API-Key': pro, 'Content-Type': 'application/json' }, body: '{}' })).json();
  subject = JSON.parse(Buffer.from(real.access_token.split('.')[1], 'base64url')).sub;
});
after(async () => { await browser?.close(); });

const b64 = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
function sign(iat, exp) {
  const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: subject, scope: 'resources:read resources:write projects:read', iat, exp, jti: `e2e-${iat}-${exp}` })}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}

/** Answers POST /v1/auth/token with `mint(pageSeconds)`; returns the page times of each exchange. */
async function answerExchanges(context, page, mint) {
  const exchanges = [];
  await context.route('**/v1/auth/token', async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    const now = await page.evaluate(() => Math.floor(Date.now() / 1000));
    exchanges.push(now);
    const token = mint(now);
    await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ access_token: token, token_type: 'Bearer', expires_in: 60, scope: 'resources:read resources:write projects:read' }) });
  });
  return exchanges;
}

async function connect(page, { keepKey }) {
  await page.click('[data-testid=connection-chip]');
  await page.waitForSelector('[data-testid=connection-dialog]');
  await page.click('[data-testid=mode-token]');
  await page.fill('[data-testid=token-lifetime]', '60');
  await page.press('[data-testid=token-lifetime]', 'Tab');
  if (keepKey) await page.check('[data-testid=keep-key]');
  await page.fill('[data-testid=api-key-input]', pro);
  await page.click('[data-testid=get-token]');
  await page.waitForSelector('[data-testid=token-status]');
  await page.keyboard.press('Escape');
}

test('with a kept key the token renews exactly when a quarter of its life is left, and only then', async () => {
  const { context, page, problems } = await openPage(browser, { expect: [] });
  await page.clock.install({ time: Date.now() });
  const exchanges = await answerExchanges(context, page, (now) => sign(now, now + 60));
  await openTryIt(page, 'list-projects');
  await connect(page, { keepKey: true });
  assert.equal(exchanges.length, 1);
  const issued = exchanges[0];
  assert.equal(await sendAndWait(page), 200, 'the minted token is accepted by the sandbox');

  // The margin of a 60 s token is 15 s: renewal is due at issued + 45. From
  // here the page's time moves only when the test moves it; each stop is at
  // .999 of a second, so the app's once-a-second tick has read that second.
  await page.clock.pauseAt(issued * 1000 + 44_999);
  await settle(page);
  assert.equal(exchanges.length, 1, 'not renewed before the margin');
  await page.clock.runFor(1000);
  await waitForCount(exchanges, 2);
  assert.equal(exchanges[1], issued + 45, 'renewed at exactly a quarter of the lifetime before expiry');
  // The new token is good for another 45 s: nothing more, no loop.
  await page.clock.runFor(30_000);
  await settle(page);
  assert.equal(exchanges.length, 2, 'renewed once');
  assert.equal(await sendAndWait(page), 200);
  assert.equal(await page.$('[data-testid=connection-chip].warn'), null);
  assert.deepEqual(problems, []);
  await context.close();
});

test('an expired token is said, refused with 401 token_expired, and the key is asked for again', async () => {
  // Provoked on purpose: 401 (the expired token).
  const { context, page, problems } = await openPage(browser, { expect: [401] });
  await page.clock.install({ time: Date.now() });
  // A token that expired a minute ago by the sandbox's own clock.
  const real = () => Math.floor(Date.now() / 1000);
  await answerExchanges(context, page, () => sign(real() - 120, real() - 60));
  await openTryIt(page, 'list-projects');
  await connect(page, { keepKey: false });
  await page.waitForSelector('[data-testid=connection-chip].warn');
  assert.match(await page.textContent('[data-testid=connection-chip]'), /expired/i);
  assert.equal(await sendAndWait(page), 401);
  assert.match(await page.textContent('[data-testid=problem]'), /token_expired/);
  await page.click('[data-testid=connection-chip]');
  await page.waitForSelector('[data-testid=needs-key]');
  assert.deepEqual(problems, []);
  await context.close();
});

/** Lets the page finish what its timers started (real time; its clock stays paused). */
async function settle(page) {
  // (The page's own timers and animation frames are frozen with its clock.)
  await page.evaluate(() => 0);
  await new Promise((resolve) => setTimeout(resolve, 500));
}

/** Waits (in real time) until `list` holds `n` entries. */
async function waitForCount(list, n) {
  const deadline = Date.now() + 10_000;
  while (list.length < n && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(list.length, n);
}
