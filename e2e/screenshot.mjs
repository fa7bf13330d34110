// Refreshes the README's screenshot against a running explorer:
//   BASE_URL=http://127.0.0.1:8080 node e2e/screenshot.mjs
// It connects with the sandbox's pro demo key, lists resources and captures
// the reference beside the try-it panel and its response.
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { BASE_URL, launch, waitForRoute } from './tests/helpers.mjs';

const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../.github/screenshot.png');
const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: 'light' });
const keys = await (await fetch(`${BASE_URL}/sandbox/keys`)).json();
const pro = keys.keys.find((k) => k.name === 'pro').key;
for (const name of ['analytics', 'billing-exports', 'staging-cache']) {
  await fetch(`${BASE_URL}/v1/resources`, { method: 'POST', headers: { 'X-API-Key': pro, 'Content-Type': 'application/json' }, body: JSON.stringify({ name, region: 'eu-west', metadata: { team: 'data' } }) });
}
await page.goto(`${BASE_URL}/reference/list-resources`);
await waitForRoute(page, '/reference/list-resources');
await page.click('[data-testid=try-it-open]');
await page.waitForSelector('[data-testid=try-it]');
await page.click('[data-testid=connection-chip]');
await page.click('[data-testid=demo-key-pro]');
await page.click('[data-testid=get-token]');
await page.waitForSelector('[data-testid=token-status]');
await page.keyboard.press('Escape');
await page.fill('[data-testid=input-limit]', '2');
await page.click('[data-testid=send]');
await page.waitForSelector('[data-testid=response]');
await page.evaluate(() => document.querySelector('.try-it-slot').scrollTo(0, 330));
await page.screenshot({ path: out });
await browser.close();
console.log(`wrote ${out}`);
