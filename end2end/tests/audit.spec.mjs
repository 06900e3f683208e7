import { test, expect } from '@playwright/test';
import { login, waitForHydration } from './helpers.mjs';

test('an edit over a copy that changed meanwhile is refused, the input kept, and the audit trail shows both', async ({ page, browser }) => {
  await login(page);
  await page.goto('/directory/organisations/new');
  await waitForHydration(page);
  await page.getByLabel('名称').fill('しおかぜ訪問看護ステーション');
  await page.getByLabel('種別').selectOption({ label: '訪問看護ステーション' });
  await page.getByRole('button', { name: '保存する' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('しおかぜ');
  const editUrl = page.url().replace(/\?.*$/, '') + '/edit';

  // A second tab opens the same record for editing before the first saves.
  const context = await browser.newContext();
  const other = await context.newPage();
  await login(other);
  await other.goto(editUrl);
  await waitForHydration(other);

  await page.goto(editUrl);
  await waitForHydration(page);
  await page.getByLabel('電話番号').fill('0193-22-1111');
  await page.getByRole('button', { name: '保存する' }).click();
  await expect(page.getByTestId('organisation-facts')).toContainText('0193-22-1111');

  await other.getByLabel('電話番号').fill('0193-22-2222');
  await other.getByRole('button', { name: '保存する' }).click();
  await expect(other.getByTestId('form-error')).toContainText('編集を始めた後に');
  await expect(other.getByTestId('form-error')).toContainText('電話番号');
  await expect(other.getByLabel('電話番号')).toHaveValue('0193-22-2222');
  await context.close();

  await page.goto('/admin/audit');
  await page.getByLabel('記録の種類').selectOption({ label: '機関・団体' });
  await page.getByRole('button', { name: '絞り込む' }).click();
  const table = page.getByTestId('audit-table');
  await expect(table).toContainText('しおかぜ訪問看護ステーション');
  await expect(table).toContainText('0193-22-1111');
  await expect(table).not.toContainText('0193-22-2222');
});
