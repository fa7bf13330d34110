// axe-core with the WCAG 2.1 A and AA rules: every page, both themes, on a
// laptop and a phone, with the playground, its responses and each dialog open.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { BASE_URL, demoKey, launch, openPage, summaryPages, waitForRoute } from './helpers.mjs';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const LAPTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

let browser;
let pro;
before(async () => {
  browser = await launch();
  pro = await demoKey('pro');
});
after(async () => { await browser?.close(); });

/** The violations on the page as it is now, one line each. */
async function violations(page, where) {
  // Evaluated through DevTools, not added as an inline <script>: the page's
  // Content-Security-Policy rightly refuses inline scripts.
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE);
  const found = await page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}${v.nodes.length > 3 ? ` … ${v.nodes.length} nodes` : ''}`);
  }, TAGS);
  return found.map((line) => `${where}: ${line}`);
}

for (const colorScheme of ['light', 'dark']) {
  test(`every page has no WCAG 2.1 A/AA violation (${colorScheme} theme)`, async () => {
    const { context, page, problems } = await openPage(browser, { viewport: LAPTOP, colorScheme });
    const found = [];
    for (const { route } of summaryPages()) {
      await page.goto(`${BASE_URL}${route}`);
      await waitForRoute(page, route);
      found.push(...(await violations(page, route)));
    }
    assert.deepEqual(problems, []);
    // An unknown address: the app's not-found page, answered with a 404.
    const response = await page.goto(`${BASE_URL}/no-such-page`);
    assert.equal(response.status(), 404);
    await page.waitForSelector('[data-testid=not-found]');
    found.push(...(await violations(page, 'not found')));
    assert.deepEqual(found, []);
    await context.close();
  });

  for (const [device, viewport] of [['laptop', LAPTOP], ['phone', PHONE]]) {
    test(`the playground, a response and every dialog pass axe (${colorScheme}, ${device})`, async () => {
      // Provoked on purpose: 400 (a body with a wrong type, on purpose).
      const { context, page, problems } = await openPage(browser, { expect: [400], viewport, colorScheme, isMobile: device === 'phone' });
      const found = [];
      await page.goto(`${BASE_URL}/reference/create-resource`);
      await waitForRoute(page, '/reference/create-resource');
      await page.click('[data-testid=try-it-open]');
      await page.waitForSelector('[data-testid=try-it]', { timeout: 15_000 });
      found.push(...(await violations(page, 'try it')));

      await page.click('[data-testid=connection-chip]');
      await page.waitForSelector('[data-testid=connection-dialog]');
      await page.waitForSelector('[data-testid=demo-key-pro]');
      found.push(...(await violations(page, 'connection dialog')));
      await page.click('[data-testid=demo-key-pro]');
      await page.waitForSelector('[data-testid=token-status]');
      found.push(...(await violations(page, 'connection dialog with a token')));
      await page.keyboard.press('Escape');

      await page.click('[data-testid=send]');
      await page.waitForSelector('[data-testid=response]', { timeout: 15_000 });
      await page.waitForSelector('[data-testid=docs-check][data-state=match]');
      found.push(...(await violations(page, 'a 201 response')));
      await page.click('[data-testid=body-json-tab]');
      await page.fill('[data-testid=body-json]', '{"name": 5}');
      await page.click('[data-testid=send]');
      await page.waitForSelector('[data-testid=problem]', { timeout: 15_000 });
      found.push(...(await violations(page, 'a problem response')));

      await page.click('[data-testid=paste-curl-button]');
      await page.waitForSelector('[data-testid=paste-dialog]');
      await page.fill('[data-testid=paste-input]', `curl ${BASE_URL}/v1/resources?colour=red -H 'X-API-Key: ${pro}'`);
      await page.waitForSelector('[data-testid=paste-result]');
      found.push(...(await violations(page, 'paste dialog')));
      await page.click('[data-testid=paste-open]');
      await page.waitForSelector('[data-testid=import-findings]', { timeout: 15_000 });
      found.push(...(await violations(page, 'a pasted request')));

      await page.click('[data-testid=history-button]');
      await page.waitForSelector('[data-testid=history-item]');
      found.push(...(await violations(page, 'history dialog')));
      await page.keyboard.press('Escape');

      await page.keyboard.press('Control+k');
      await page.keyboard.type('check a response');
      await page.click('[data-testid=palette-results] [role=option]:has-text("Check a response body against the docs")');
      await page.waitForSelector('[data-testid=check-body-dialog]');
      await page.fill('[data-testid=check-body-input]', '{"id": 7, "name": "x", "extra": true}');
      await page.click('[data-testid=check-body-run]');
      await page.waitForSelector('[data-testid=check-body-dialog] [data-testid=docs-check][data-state=differ]');
      found.push(...(await violations(page, 'check-body dialog with differences')));
      await page.keyboard.press('Escape');

      await page.click('[data-testid=paste-curl-button]');
      await page.fill('[data-testid=paste-input]', `curl ${BASE_URL}/v9/widgets`);
      await page.waitForSelector('[data-testid=paste-result]');
      await page.click('[data-testid=paste-open]');
      await page.waitForSelector('[data-testid=generic-request]', { timeout: 15_000 });
      found.push(...(await violations(page, 'generic request')));

      await page.keyboard.press('Control+k');
      await page.waitForSelector('[data-testid=palette]');
      await page.keyboard.type('pagination');
      await page.waitForSelector('[data-testid=palette-results] [role=option]');
      found.push(...(await violations(page, 'search palette')));
      assert.deepEqual(found, []);
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
}
