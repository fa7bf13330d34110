// The size budget: everything the first page load fetches (html, js, wasm,
// css, fonts, images) must fit in 200 KB once gzipped. Bytes are counted
// from the responses the browser really receives, each gzipped at level 9,
// so the figure does not depend on the server's compression settings.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { BASE_URL, launch, openPage, waitForRoute } from './helpers.mjs';

const BUDGET = 200_000;
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function firstLoad(route) {
  const { context, page, problems } = await openPage(browser);
  const bodies = [];
  page.on('response', (response) => bodies.push(
    response.body().then((body) => ({ url: response.url(), type: response.request().resourceType(), raw: body.length, gzip: gzipSync(body, { level: 9 }).length }))
      .catch(() => ({ url: response.url(), raw: 0, gzip: 0 })),
  ));
  await page.goto(`${BASE_URL}${route}`, { waitUntil: 'networkidle' });
  await waitForRoute(page, route);
  const files = await Promise.all(bodies);
  await context.close();
  return { files, problems, total: files.reduce((sum, f) => sum + f.gzip, 0) };
}

for (const route of ['/', '/reference/create-resource']) {
  test(`first load of ${route} fits in ${BUDGET} gzip bytes`, async () => {
    const { files, problems, total } = await firstLoad(route);
    for (const f of files) console.log(`  ${String(f.gzip).padStart(7)} gz ${String(f.raw).padStart(8)} raw  ${f.url.replace(BASE_URL, '')}`);
    console.log(`  ${String(total).padStart(7)} gz total for ${route} (budget ${BUDGET})`);
    const kinds = new Set(files.map((f) => f.url.split('?')[0].split('.').pop()));
    assert.ok(kinds.has('wasm') && kinds.has('js') && kinds.has('css'), 'the wasm, js and css were counted');
    assert.ok(total <= BUDGET, `${total} gzip bytes exceed the ${BUDGET} budget`);
    assert.deepEqual(problems, []);
  });
}
