// Islands: the only parts of a page that run in the browser. Each reacts without a console
// error; the rest of the page is the server's HTML, and the bundle stays small.
import { test, expect } from '@playwright/test';
import { login, watchErrors, waitForHydration } from './helpers.mjs';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

test.beforeEach(async ({ page }) => {
  await login(page);
});

test('the print button opens the print dialog', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/report');
  await waitForHydration(page);
  await page.evaluate(() => {
    window.__printed = 0;
    window.print = () => { window.__printed += 1; };
  });
  await page.getByRole('button', { name: '印刷', exact: true }).click();
  await expect.poll(() => page.evaluate(() => window.__printed)).toBe(1);
  expect(errors).toEqual([]);
});

test('the menu opens and closes on a phone, also from the keyboard', async ({ page }) => {
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/meetings');
  await waitForHydration(page);
  const toggle = page.getByText('メニュー', { exact: true });
  const nav = page.getByRole('navigation', { name: 'メインメニュー' });
  await expect(nav).toBeHidden();
  await toggle.click();
  await expect(nav).toBeVisible();
  await expect(nav.getByRole('link', { name: '会議' })).toHaveAttribute('aria-current', 'page');
  await toggle.click();
  await expect(nav).toBeHidden();
  await page.getByRole('checkbox', { name: 'メニュー' }).focus();
  await page.keyboard.press('Space');
  await expect(nav).toBeVisible();
  expect(errors).toEqual([]);
});

test('the CSV upload island shows the bytes sent, then the preview', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/consultations/import');
  await waitForHydration(page);
  const rows = ['受付日,分類,内容'];
  // Unique per run, so that a retry finds new rows too.
  const run = Date.now();
  for (let i = 0; i < 2000; i++) rows.push(`2024-04-01,地域の連携体制に関する相談,アイランド確認 ${run} の行 ${i} ${'あ'.repeat(200)}`);
  await page.setInputFiles('#import-file', { name: 'islands.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
  // Slow the upload down so that the progress can be seen.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 40, downloadThroughput: 2_000_000, uploadThroughput: 400_000 });
  await page.getByRole('button', { name: '確認画面へ' }).click();
  await expect(page.getByTestId('upload-progress')).toBeVisible();
  await expect(page).toHaveURL(/\/consultations\/import\/\d+/, { timeout: 30_000 });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await expect(page.getByTestId('import-summary')).toBeVisible();
  // The confirmation island: pending while the rows are stored, then done.
  await waitForHydration(page);
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('import-done')).toBeVisible({ timeout: 30_000 });
  expect(errors).toEqual([]);
});

test('the form draft island offers what was typed, each field of a list in its place', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/trainings/new');
  await waitForHydration(page);
  const form = page.getByTestId('training-form');
  await form.locator('#f-title').fill('アイランド確認の研修');
  await form.getByLabel('タスク 2', { exact: true }).fill('会場の確保（第2会議室）');
  await page.goto('/trainings/new');
  await waitForHydration(page);
  await page.getByTestId('draft-notice').getByRole('button', { name: '復元する' }).click();
  await expect(form.locator('#f-title')).toHaveValue('アイランド確認の研修');
  await expect(form.getByLabel('タスク 1', { exact: true })).toHaveValue('講師の依頼');
  await expect(form.getByLabel('タスク 2', { exact: true })).toHaveValue('会場の確保（第2会議室）');
  expect(errors).toEqual([]);
});

test('a page loads at most 190 KB (gzip) of wasm and JavaScript, and a second load none', async ({ page }) => {
  const sizes = new Map();
  page.on('response', (r) => {
    const url = new URL(r.url());
    if (/\.(wasm|js)$/.test(url.pathname)) sizes.set(url.pathname, { cache: r.headers()['cache-control'] || '' });
  });
  await page.goto('/meetings');
  await waitForHydration(page);
  expect([...sizes.keys()].some((p) => p.endsWith('.wasm'))).toBe(true);
  let total = 0;
  for (const [path, s] of sizes) {
    // The body Playwright gives is decoded; measure what travels, gzip at least.
    const file = readFileSync(`../target/site${path}`);
    total += gzipSync(file, { level: 9 }).length;
    expect(s.cache, path).toContain('immutable');
  }
  // 150 KB until the resource form's map picker gained the address look-up (158.5 KB then);
  // 160 KB until the attendee picker and the form drafts (181.8 KB then).
  expect(total, `wasm + JS gzip bytes: ${[...sizes.keys()].join(', ')}`).toBeLessThanOrEqual(190 * 1024);

  // A warm load: the browser keeps the hashed files, so nothing is fetched again.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const requested = new Map();
  const fromCache = new Set();
  cdp.on('Network.requestWillBeSent', (e) => {
    if (/\.(wasm|js)$/.test(new URL(e.request.url).pathname)) requested.set(e.requestId, e.request.url);
  });
  cdp.on('Network.requestServedFromCache', (e) => fromCache.add(e.requestId));
  cdp.on('Network.responseReceived', (e) => { if (e.response.fromDiskCache) fromCache.add(e.requestId); });
  await page.goto('/trainings');
  await waitForHydration(page);
  await expect.poll(() => requested.size).toBeGreaterThanOrEqual(2);
  const fetched = [...requested].filter(([id]) => !fromCache.has(id)).map(([, url]) => url);
  expect(fetched, 'wasm/JS fetched over the network on a warm load').toEqual([]);
});
