// Light and dark themes follow the system until the reader chooses, and
// the choice survives a reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launch, openPage, waitForRoute } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const theme = (page) => page.evaluate(() => document.documentElement.dataset.theme);
const background = (page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test('the system preference decides first', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const { context, page, problems } = await openPage(browser, { colorScheme });
    await page.goto(`${BASE_URL}/`);
    await waitForRoute(page, '/');
    assert.equal(await theme(page), colorScheme);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('the toggle switches theme and is remembered', async () => {
  const { context, page, problems } = await openPage(browser, { colorScheme: 'light' });
  await page.goto(`${BASE_URL}/quick-start`);
  await waitForRoute(page, '/quick-start');
  const lightBackground = await background(page);
  await page.click('[data-testid=theme-toggle]');
  assert.equal(await theme(page), 'dark');
  assert.notEqual(await background(page), lightBackground, 'the colours change');
  assert.equal(await page.evaluate(() => localStorage.getItem('explorer.theme')), 'dark');
  await page.reload();
  await waitForRoute(page, '/quick-start');
  assert.equal(await theme(page), 'dark', 'remembered after a reload');
  await page.click('[data-testid=theme-toggle]');
  assert.equal(await theme(page), 'light');
  assert.deepEqual(problems, []);
  await context.close();
});
