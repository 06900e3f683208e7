import { test, expect } from '@playwright/test';
import { ADMIN } from './helpers.mjs';

test('first run: only the setup page, which creates the first administrator', async ({ page }) => {
  await page.goto('/directory/organisations');
  await expect(page).toHaveURL(/\/setup$/);
  await page.getByLabel('ログイン名').fill(ADMIN.login);
  await page.getByLabel('表示名').fill(ADMIN.name);
  await page.locator('#f-password').fill(ADMIN.password);
  await page.locator('#f-password_confirm').fill(ADMIN.password);
  await page.getByRole('button', { name: '管理者を作成して始める' }).click();
  await expect(page.getByTestId('current-user')).toContainText(ADMIN.name);
  await page.goto('/setup');
  await expect(page).not.toHaveURL(/\/setup$/);
});
