// The page runs under the sandbox's Content-Security-Policy with no
// violation: reading, the palette, the playground, a sent request. The
// security headers are on every answer, and the policy really bites (an
// injected inline script is refused and reported).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launch, openPage, openTryIt, sendAndWait } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Records every CSP violation of the page in `window.__violations`. */
function recordViolations() {
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) =>
    window.__violations.push(`${e.violatedDirective}: ${e.blockedURI || 'inline'}`));
}

test('the app works under its Content-Security-Policy with no violation', async () => {
  // Sent without a credential: the 401 is the expected answer.
  const { context, page, problems } = await openPage(browser, { expect: [401] });
  await page.addInitScript(recordViolations);
  const response = await page.goto(`${BASE_URL}/`);
  const headers = response.headers();
  const csp = headers['content-security-policy'] ?? '';
  for (const part of ["script-src 'self' 'wasm-unsafe-eval' 'sha256-", "frame-ancestors 'none'", "connect-src 'self' http: https:", "object-src 'none'"]) {
    assert.ok(csp.includes(part), `${part} in ${csp}`);
  }
  assert.equal(headers['x-content-type-options'], 'nosniff');
  assert.equal(headers['x-frame-options'], 'DENY');
  assert.equal(headers['referrer-policy'], 'no-referrer');

  await page.waitForSelector('[data-testid=page]');
  await page.keyboard.press('Control+k');
  await page.keyboard.type('rate limit');
  await page.keyboard.press('Escape');
  await openTryIt(page, 'list-resources');
  await sendAndWait(page);
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(problems, []);

  // The policy is enforced: an inline script added by the page is refused.
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__ran = true;';
    document.head.append(script);
  });
  await page.waitForFunction(() => window.__violations.length > 0);
  assert.equal(await page.evaluate(() => window.__ran), undefined);
  await context.close();
});

test('API answers carry the security headers too, and the demo keys no CORS', async () => {
  const ping = await fetch(`${BASE_URL}/v2/ping`);
  assert.equal(ping.headers.get('x-content-type-options'), 'nosniff');
  const keys = await fetch(`${BASE_URL}/sandbox/keys`, { headers: { Origin: 'https://elsewhere.example' } });
  assert.equal(keys.status, 200);
  assert.equal(keys.headers.get('access-control-allow-origin'), null);
});
