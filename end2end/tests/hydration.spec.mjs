import { test, expect } from '@playwright/test';
import { login, watchErrors, waitForHydration } from './helpers.mjs';

test.beforeEach(async ({ page }) => {
  await login(page);
});

test('the app hydrates and the fiscal-year converter reacts as you type', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/tools/fiscal-year');
  await waitForHydration(page);

  await page.getByLabel('日付').fill('2019-04-30');
  const result = page.getByTestId('fy-result');
  await expect(result).toContainText('令和元年度');
  await expect(result).toContainText('R1');
  await expect(result).toContainText('平成31年');
  // Reacted in the page itself: no form submission happened.
  expect(new URL(page.url()).search).toBe('');

  await page.getByLabel('日付').fill('2019-03-31');
  await expect(result).toContainText('平成30年度');

  expect(errors).toEqual([]);
});

test('the menu toggle opens the navigation on a small screen, before the wasm loads', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  // No wasm at all: the toggle needs none.
  await page.route('**/*.wasm', (route) => route.abort());
  await page.goto('/');
  const toggle = page.getByText('メニュー', { exact: true });
  const nav = page.getByRole('navigation', { name: 'メインメニュー' });
  await expect(nav).toBeHidden();
  await toggle.click();
  await expect(nav).toBeVisible();
  // A full-width panel below the brand, its labels on one line.
  const box = await nav.boundingBox();
  expect(box.width).toBeGreaterThan(340);
  const home = await nav.getByRole('link', { name: 'ホーム' }).boundingBox();
  expect(home.height).toBeLessThan(50);
  await page.locator('footer').getByRole('link', { name: '年度・和暦' }).click();
  await expect(page).toHaveURL(/\/tools\/fiscal-year$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('年度・和暦');
});

test('a menu link is a page load that shows server data', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await waitForHydration(page);
  await page.locator('footer').getByRole('link', { name: 'システム情報' }).click();
  await expect(page.getByTestId('system-info')).toContainText('SQLite');
  await waitForHydration(page);
  expect(errors).toEqual([]);
});
