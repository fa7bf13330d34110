// The docs for machines: "Copy page as Markdown" puts the page's markdown on
// the clipboard (the same bytes as its `.md` address), "Open as markdown"
// links there, and llms.txt lists every page, each of which resolves.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launch, openPage, summaryPages, waitForRoute } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('"Copy page as Markdown" copies the page, and "Open as markdown" links to the same text', async () => {
  const { context, page, problems } = await openPage(browser);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE_URL });
  for (const [route, title, marker] of [
    ['/reference/create-resource', 'Create a resource', '`POST /v1/resources`'],
    ['/errors', 'Errors', 'The `Problem` object:'],
  ]) {
    await page.goto(`${BASE_URL}${route}`);
    await waitForRoute(page, route);
    await page.click('[data-testid=copy-page]');
    await page.waitForFunction(() => document.querySelector('[data-testid=copy-page]').textContent === 'Copied as Markdown');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.ok(copied.startsWith(`# ${title}\n`), copied.slice(0, 80));
    assert.ok(copied.includes(marker), `${route}: ${marker}`);
    assert.ok(!copied.includes('```operation'), 'the definition block is never shown raw');
    const href = await page.getAttribute('[data-testid=open-markdown]', 'href');
    assert.equal(href, `${route}.md`);
    assert.equal(await page.getAttribute('[data-testid=open-markdown]', 'target'), '_blank');
    const served = await fetch(`${BASE_URL}${href}`);
    assert.equal(served.headers.get('content-type'), 'text/markdown; charset=utf-8');
    assert.equal(await served.text(), copied);
    // The link opens the same text in a new tab, shown, not downloaded.
    const opened = context.waitForEvent('page');
    await page.click('[data-testid=open-markdown]');
    const tab = await opened;
    await tab.waitForLoadState();
    assert.equal(tab.url(), `${BASE_URL}${href}`);
    assert.equal((await tab.evaluate(() => document.body.innerText)).trimEnd(), copied.trimEnd());
    await tab.close();
    // The confirmation goes away again.
    await page.waitForFunction(() => document.querySelector('[data-testid=copy-page]').textContent === 'Copy page as Markdown');
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('llms.txt lists every page of the summary, and each one resolves', async () => {
  const response = await fetch(`${BASE_URL}/llms.txt`);
  assert.equal(response.headers.get('content-type'), 'text/plain; charset=utf-8');
  const index = await response.text();
  assert.ok(index.startsWith('# Cloud API\n\n> '), index.slice(0, 80));
  const links = [...index.matchAll(/^- \[([^\]]+)\]\(([^)]+)\): (.+)$/gm)];
  const pages = summaryPages();
  assert.equal(links.length, pages.length);
  for (const { route } of pages) {
    const md = route === '/' ? '/index.md' : `${route}.md`;
    assert.ok(links.some(([, , href]) => href === md), `${md} is listed`);
    const page = await fetch(`${BASE_URL}${md}`);
    assert.equal(page.status, 200, md);
    assert.match(await page.text(), /^# /, md);
  }
  const full = await (await fetch(`${BASE_URL}/llms-full.txt`)).text();
  for (const { title } of pages) assert.ok(full.includes(`\n## ${title}\n`), `${title} is in llms-full.txt`);
});
