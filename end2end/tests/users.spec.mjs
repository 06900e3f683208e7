import { test, expect } from '@playwright/test';
import { login, waitForHydration } from './helpers.mjs';

const COORDINATOR = { login: 'tanaka', password: 'e2e-coordinator-pw', name: '田中 一郎' };

test('an administrator adds a coordinator, who can then sign in; disabling ends the session at once', async ({ page, browser }) => {
  await login(page);
  await page.goto('/admin/users');
  await waitForHydration(page);
  await page.getByLabel('ログイン名').fill(COORDINATOR.login);
  await page.getByLabel('表示名').fill(COORDINATOR.name);
  await page.getByLabel('役割').selectOption('coordinator');
  await page.getByLabel('初期パスワード').fill('short');
  await page.getByRole('button', { name: '追加する' }).click();
  await expect(page.locator('#f-password-error')).toContainText('10文字');
  await expect(page.getByLabel('表示名')).toHaveValue(COORDINATOR.name);
  await page.getByLabel('初期パスワード').fill(COORDINATOR.password);
  await page.getByRole('button', { name: '追加する' }).click();
  await expect(page).toHaveURL(/\/admin\/users\/\d+/);
  const userPage = page.url().replace(/\?.*$/, '');

  const context = await browser.newContext();
  const coordinator = await context.newPage();
  await login(coordinator, COORDINATOR);
  // Coordinators write the directory.
  await coordinator.goto('/directory/organisations/new');
  await expect(coordinator.getByTestId('organisation-form')).toBeVisible();
  // Coordinators do not administer users.
  const admin = await coordinator.goto('/admin/users');
  expect(admin.status()).toBe(403);

  await page.goto(userPage);
  await waitForHydration(page);
  await page.getByLabel('有効（ログインできる）').uncheck();
  await page.getByRole('button', { name: '保存する' }).click();
  await expect(page.getByText('保存しました。')).toBeVisible();

  await coordinator.goto('/directory/organisations');
  await expect(coordinator).toHaveURL(/\/login/);
  await context.close();
});
