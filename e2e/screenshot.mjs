// Refreshes the README's screenshot: `BASE_URL=http://127.0.0.1:8080 node e2e/screenshot.mjs`.
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { BASE_URL, launch, waitForRoute } from './tests/helpers.mjs';

const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../.github/screenshot.png');
const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: 'light' });
const route = process.env.ROUTE || '/reference/list-resources';
await page.goto(`${BASE_URL}${route}`);
await waitForRoute(page, route);
await page.screenshot({ path: out });
await browser.close();
console.log(`wrote ${out}`);
