// On a phone the navigation is a drawer and nothing overflows sideways.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launch, openPage, waitForRoute } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('phone layout: drawer navigation, no horizontal overflow', async () => {
  const { context, page, problems } = await openPage(browser, { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
  for (const route of ['/', '/authentication', '/reference/create-resource', '/errors']) {
    await page.goto(`${BASE_URL}${route}`);
    await waitForRoute(page, route);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${route} overflows by ${overflow}px`);
  }
  const sidebar = page.locator('[data-testid=sidebar]');
  const inView = async () => (await sidebar.boundingBox()).x >= 0;
  assert.equal(await inView(), false, 'the drawer starts closed');
  await page.click('.menu-button');
  await page.waitForFunction(() => document.querySelector('[data-testid=sidebar]').getBoundingClientRect().x >= 0);
  await page.click('[data-testid=sidebar] a[data-route="/reference/list-resources"]');
  await waitForRoute(page, '/reference/list-resources');
  await page.waitForFunction(() => document.querySelector('[data-testid=sidebar]').getBoundingClientRect().right <= 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('phone layout: the header fits, and the playground and its dialog stay on screen', async () => {
  const { context, page, problems } = await openPage(browser, { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
  await page.goto(`${BASE_URL}/reference/create-resource`);
  await waitForRoute(page, '/reference/create-resource');
  await page.click('[data-testid=try-it-open]');
  await page.waitForSelector('[data-testid=try-it]', { timeout: 15_000 });
  const within = (selector) => page.$eval(selector, (el) => { const r = el.getBoundingClientRect(); return r.left >= 0 && r.right <= innerWidth; });
  for (const selector of ['[data-testid=theme-toggle]', '[data-testid=connection-chip]', '[data-testid=search-button]', '[data-testid=send]']) {
    assert.ok(await within(selector), `${selector} is on screen`);
  }
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), 'no sideways scrolling');
  await page.click('[data-testid=connection-chip]');
  assert.ok(await within('[data-testid=connection-dialog]'), 'the dialog fits');
  assert.deepEqual(problems, []);
  await context.close();
});
