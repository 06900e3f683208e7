// Shared helpers for the browser tests.
import { expect } from '@playwright/test';

export const ADMIN = { login: 'admin', password: 'e2e-admin-password', name: '管理 花子' };

/** Collects uncaught page errors and console errors, so a broken wasm fails the test. */
export function watchErrors(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return errors;
}

/** Waits until the wasm bundle has hydrated the page (the app marks <html data-hydrated>). */
export async function waitForHydration(page) {
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
}

/** Signs in through the login page (works with and without JavaScript). */
export async function login(page, who = ADMIN) {
  await page.goto('/login');
  await page.getByLabel('ログイン名').fill(who.login);
  await page.getByLabel('パスワード').fill(who.password);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await expect(page.getByTestId('current-user')).toBeVisible();
}

/** An administrator (signed in on `page`) adds a user through /admin/users. */
export async function addUser(page, who, role) {
  await page.goto('/admin/users');
  await page.getByLabel('ログイン名').fill(who.login);
  await page.getByLabel('表示名').fill(who.name);
  await page.getByLabel('役割').selectOption(role);
  await page.getByLabel('初期パスワード').fill(who.password);
  await page.getByRole('button', { name: '追加する' }).click();
  await expect(page).toHaveURL(/\/admin\/users\/\d+/);
}
