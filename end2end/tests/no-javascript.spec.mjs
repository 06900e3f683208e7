import { test, expect } from '@playwright/test';

import { login } from './helpers.mjs';

test.use({ javaScriptEnabled: false });

test.beforeEach(async ({ page }) => {
  await login(page);
});

test('the converter works as a plain form without JavaScript', async ({ page }) => {
  await page.goto('/tools/fiscal-year');
  await page.getByLabel('日付').fill('2019-03-31');
  await page.getByRole('button', { name: '調べる' }).click();
  await expect(page).toHaveURL(/date=2019-03-31/);
  await expect(page.getByTestId('fy-result')).toContainText('平成30年度');
  await expect(page.getByTestId('fy-result')).toContainText('H30');
});

test('pages with server data render without JavaScript', async ({ page }) => {
  await page.goto('/about');
  await expect(page.getByTestId('system-info')).toContainText('SQLite');
  await expect(page.locator('html')).not.toHaveAttribute('data-hydrated', 'true');
});

test('unknown pages answer 404 with a Japanese message', async ({ page }) => {
  const res = await page.goto('/no-such-page');
  expect(res.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('ページが見つかりません');
});

test('pages carry a nonce-based CSP and other security headers', async ({ page }) => {
  const res = await page.goto('/');
  const h = res.headers();
  expect(h['content-security-policy']).toMatch(/script-src 'self' 'nonce-[^']+' 'wasm-unsafe-eval'/);
  expect(h['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(h['x-content-type-options']).toBe('nosniff');
  expect(h['referrer-policy']).toBe('same-origin');
});
