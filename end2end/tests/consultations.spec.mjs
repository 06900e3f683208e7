import { test, expect } from '@playwright/test';
import { addUser, login, waitForHydration } from './helpers.mjs';

// Fiscal years no other browser test touches: H27 (2015) and H28 (2016).
const VIEWER = { login: 'ito-viewer', password: 'e2e-viewer-password-2', name: '伊藤 閲覧' };
const CATEGORY = 'データ提供依頼';

/** The count of a category in a fiscal year on the trend page. */
async function cell(page, category, year) {
  const table = page.getByTestId('trend-table');
  const headers = await table.locator('thead th').allTextContents();
  const row = table.getByRole('row').filter({ hasText: category }).first();
  return Number(await row.locator('th, td').nth(headers.indexOf(year)).textContent());
}

const csvFile = (name, text) => ({ name, mimeType: 'text/csv', buffer: Buffer.from('\ufeff' + text, 'utf-8') });

test('log a consultation, see the trend table change, import a CSV through its preview, download the workbook', async ({ page, browser }) => {
  await login(page);
  await page.goto('/consultations/trends?from=2015&to=2016');
  const before = await cell(page, CATEGORY, 'H27');

  // Log one on the last day of FY2015.
  await page.goto('/consultations/new');
  await waitForHydration(page);
  await page.getByLabel('受付日').fill('2016-03-31');
  await page.getByLabel('分類').selectOption({ label: CATEGORY });
  await page.getByLabel('相談者').fill('統計 担当');
  await page.getByLabel('方法').selectOption({ label: 'メール' });
  await page.getByLabel(/欲しい相談/).check();
  await page.getByLabel('内容', { exact: true }).fill('圏域の訪問診療件数の提供依頼');
  await page.getByRole('button', { name: '保存する' }).click();
  await expect(page.getByTestId('consultation-facts')).toContainText('平成27年度');
  await expect(page.getByTestId('consultation-facts')).toContainText('圏域の訪問診療件数の提供依頼');

  await page.goto('/consultations/trends?from=2015&to=2016');
  expect(await cell(page, CATEGORY, 'H27')).toBe(before + 1);
  await expect(page.getByTestId('trend-chart').locator('svg rect.bar').first()).toBeVisible();
  const h28 = await cell(page, CATEGORY, 'H28');

  // A file with a bad row (CRLF, as Excel writes): the preview names its line and column, and offers no confirmation.
  await page.goto('/consultations/import');
  await waitForHydration(page);
  await page.getByLabel('CSVファイル').setInputFiles(csvFile('bad.csv', `受付日,分類,相談者\r\nH28.4.1,${CATEGORY},A\r\nH28.4.2,存在しない分類,B\r\n`));
  await page.getByRole('button', { name: '確認画面へ' }).click();
  const problems = page.getByTestId('import-problems');
  await expect(problems).toContainText('存在しない分類');
  await expect(problems.getByRole('row').nth(1)).toContainText('3');
  await expect(problems.getByRole('row').nth(1)).toContainText('分類');
  await expect(page.getByTestId('import-confirm')).toHaveCount(0);

  // A good file (和暦 dates): preview, confirm, counted in H28.
  await page.goto('/consultations/import');
  await waitForHydration(page);
  await page.getByLabel('CSVファイル').setInputFiles(csvFile('good.csv', `受付日,分類,相談者,圏域,欲しい相談\n平成28年4月1日,${CATEGORY},C,圏域外,いいえ\nH29.3.31,${CATEGORY},D,圏域内,はい\n`));
  await page.getByRole('button', { name: '確認画面へ' }).click();
  await expect(page.getByTestId('import-new')).toHaveText('2件');
  await expect(page.getByTestId('import-sample')).toContainText('2017/03/31');
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('import-done')).toContainText('2件を登録しました');
  await page.goto('/consultations/trends?from=2015&to=2016');
  expect(await cell(page, CATEGORY, 'H28')).toBe(h28 + 2);

  // The same file again creates nothing.
  await page.goto('/consultations/import');
  await page.getByLabel('CSVファイル').setInputFiles(csvFile('good.csv', `受付日,分類,相談者,圏域,欲しい相談\n平成28年4月1日,${CATEGORY},C,圏域外,いいえ\nH29.3.31,${CATEGORY},D,圏域内,はい\n`));
  await page.getByRole('button', { name: '確認画面へ' }).click();
  await expect(page.getByTestId('import-duplicates')).toHaveText('2件');
  await expect(page.getByTestId('import-new')).toHaveText('0件');

  // The workbook of the table on screen.
  await page.goto('/consultations/trends?from=2015&to=2016');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Excel' }).click()]);
  expect(download.suggestedFilename()).toBe('consultation-trends-2015-2016.xlsx');
  const fs = await import('node:fs/promises');
  const bytes = await fs.readFile(await download.path());
  expect(bytes.subarray(0, 2).toString()).toBe('PK');

  // One year's breakdowns.
  await page.getByRole('link', { name: 'H28' }).first().click();
  await expect(page.getByTestId('breakdown-region')).toContainText('圏域外');

  // A viewer sees the trend table, not the records.
  await addUser(page, VIEWER, 'viewer');
  const context = await browser.newContext();
  const viewer = await context.newPage();
  await login(viewer, VIEWER);
  // The menu's 相談 leads a viewer to the trends, the only page of the desk they may open.
  await expect(viewer.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '相談', exact: true })).toHaveAttribute('href', '/consultations/trends');
  await expect(viewer.getByRole('link', { name: '相談記録' })).toHaveCount(0);
  await viewer.goto('/consultations/trends?from=2015&to=2016');
  expect(await cell(viewer, CATEGORY, 'H28')).toBe(h28 + 2);
  const res = await viewer.goto('/consultations');
  expect(res.status()).toBe(403);
  await expect(viewer.locator('body')).not.toContainText('統計 担当');
  await context.close();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a rejected consultation keeps its input; a CSV is imported through the preview', async ({ page }) => {
    await login(page);
    await page.goto('/consultations/new');
    await page.getByLabel('受付日').fill('2015-04-01');
    await page.getByLabel('相談者').fill('フォーム 確認');
    await page.getByLabel('分類').selectOption({ label: 'その他' });
    await page.getByLabel('解決策を実施した年度').fill('去年');
    await page.getByRole('button', { name: '保存する' }).click();
    await expect(page.locator('#f-solved_fy-error')).toContainText('H29、R6、2024');
    await expect(page.getByLabel('相談者')).toHaveValue('フォーム 確認');
    await expect(page.getByLabel('分類')).toHaveValue(/\d+/);
    await page.getByLabel('解決策を実施した年度').fill('H27');
    await page.getByRole('button', { name: '保存する' }).click();
    await expect(page.getByTestId('consultation-facts')).toContainText('平成27年度');

    await page.goto('/consultations/import');
    await page.getByLabel('CSVファイル').setInputFiles(csvFile('nojs.csv', '受付日,分類,相談者\n2015/6/1,その他,JSなし\n'));
    await page.getByRole('button', { name: '確認画面へ' }).click();
    await expect(page.getByTestId('import-new')).toHaveText('1件');
    await page.getByTestId('import-confirm').click();
    await expect(page.getByTestId('import-done')).toContainText('1件を登録しました');
  });
});
