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

test('phone 390×844: the menu scrolls below the header, the support tools show, nothing draws at the edge', async () => {
  const { context, page, problems } = await openPage(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await page.goto(`${BASE_URL}/reference/list-resources`);
  await waitForRoute(page, '/reference/list-resources');
  const within = (selector) => page.$eval(selector, (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.left >= 0 && r.right <= innerWidth && getComputedStyle(el).visibility === 'visible';
  });
  // Before the playground loads the header holds "Connect"; everything fits.
  for (const selector of ['[data-testid=paste-curl-button]', '[data-testid=history-button]', '[data-testid=connect-button]', '[data-testid=theme-toggle]', '[data-testid=search-button]']) {
    assert.ok(await within(selector), `${selector} is on screen`);
  }
  assert.equal(await page.getAttribute('[data-testid=paste-curl-button]', 'aria-label'), 'Paste cURL');
  // A closed drawer draws nothing, not even its shadow at the left edge.
  assert.equal(await page.$eval('[data-testid=sidebar]', (el) => getComputedStyle(el).visibility), 'hidden');

  await page.click('.menu-button');
  await page.waitForFunction(() => document.querySelector('[data-testid=sidebar]').getBoundingClientRect().x >= 0);
  const drawer = await page.$eval('[data-testid=sidebar]', (el) => {
    const r = el.getBoundingClientRect();
    const header = document.querySelector('.topbar').getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, headerBottom: header.bottom, scrolls: el.scrollHeight > el.clientHeight };
  });
  assert.ok(drawer.top >= drawer.headerBottom, `the menu starts below the header (${drawer.top} < ${drawer.headerBottom})`);
  assert.ok(drawer.bottom <= 844, `the menu ends on screen (${drawer.bottom})`);
  assert.ok(drawer.scrolls, 'the menu is taller than the screen, so it scrolls');
  // The last entry is reachable by scrolling the menu itself.
  const last = page.locator('[data-testid=sidebar] a').last();
  await last.scrollIntoViewIfNeeded();
  assert.ok(await last.evaluate((a) => a.getBoundingClientRect().bottom <= innerHeight), 'the last entry scrolls into view');
  await page.click('.menu-button');

  await page.click('[data-testid=paste-curl-button]');
  await page.waitForSelector('[data-testid=paste-dialog]', { timeout: 15_000 });
  await page.keyboard.press('Escape');
  await page.click('[data-testid=history-button]');
  await page.waitForSelector('[data-testid=history-dialog]', { timeout: 15_000 });
  assert.deepEqual(problems, []);
  await context.close();
});
