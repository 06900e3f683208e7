// Years of Excel records come in through a preview: organisations and people (JavaScript on),
// past meetings (JavaScript off). A file with a bad row names its line and saves nothing.
import { test, expect } from '@playwright/test';
import { login, waitForHydration } from './helpers.mjs';

const csvFile = (name, text) => ({ name, mimeType: 'text/csv', buffer: Buffer.from('\ufeff' + text, 'utf-8') });
const FILE = 'Excel または CSV ファイル';
const RUN = Date.now() % 100000;

test('organisations and then their people are imported from CSV through the preview', async ({ page }) => {
  await login(page);
  const org = `取込テスト薬局${RUN}`;

  // The organisation list offers the import.
  await page.goto('/directory/organisations');
  await page.getByRole('link', { name: 'Excel・CSVから取り込む' }).click();
  await expect(page).toHaveURL(/\/directory\/organisations\/import$/);
  await waitForHydration(page);

  // A bad row (unknown kind): its line is named and nothing can be confirmed.
  await page.getByLabel(FILE).setInputFiles(csvFile('bad.csv', `名称,種別,電話番号\r\n${org},薬局,0193-00-0000\r\n取込テスト不明${RUN},宇宙港,\r\n`));
  await page.getByRole('button', { name: '確認画面へ' }).click();
  const problems = page.getByTestId('import-problems');
  await expect(problems).toContainText('宇宙港');
  await expect(problems.getByRole('row').nth(1)).toContainText('3');
  await expect(page.getByTestId('import-confirm')).toHaveCount(0);

  // A clean file: confirmed, the organisation is in the directory.
  await page.goto('/directory/organisations/import');
  await waitForHydration(page);
  await page.getByLabel(FILE).setInputFiles(csvFile('orgs.csv', `名称,種別,電話番号\n${org},薬局,0193-00-0000\n`));
  await page.getByRole('button', { name: '確認画面へ' }).click();
  await expect(page.getByTestId('import-new')).toHaveText(/^1\s*件/);
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('import-done')).toBeVisible();
  await page.goto('/directory/organisations');
  await expect(page.getByRole('link', { name: org })).toBeVisible();

  // The same name again is offered as a match, not a second entry.
  await page.goto('/directory/organisations/import');
  await waitForHydration(page);
  await page.getByLabel(FILE).setInputFiles(csvFile('again.csv', `名称,種別,メール\n${org},薬局,info@example.jp\n`));
  await page.getByRole('button', { name: '確認画面へ' }).click();
  await expect(page.getByTestId('import-matches')).toHaveText(/^1\s*件/);
  await expect(page.getByTestId('import-duplicates')).toContainText('メール');
  await expect(page.getByTestId('import-new')).toHaveText(/^0\s*件/);

  // People of that organisation.
  await page.goto('/directory/people/import');
  await waitForHydration(page);
  await page.getByLabel(FILE).setInputFiles(csvFile('people.csv', `氏名,所属,役職\n取込 一郎${RUN},${org},管理薬剤師\n`));
  await page.getByRole('button', { name: '確認画面へ' }).click();
  await expect(page.getByTestId('import-new')).toHaveText(/^1\s*件/);
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('import-done')).toBeVisible();
  await page.goto('/directory/people');
  await expect(page.getByRole('link', { name: `取込 一郎${RUN}` })).toBeVisible();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('past meetings are imported from CSV and listed', async ({ page }) => {
    await login(page);
    const title = `取込した会議${RUN}`;
    await page.goto('/meetings');
    await page.getByRole('link', { name: '過去の会議を取り込む' }).click();
    await expect(page).toHaveURL(/\/meetings\/import$/);

    await page.getByLabel(FILE).setInputFiles(csvFile('bad.csv', `開催日,段階,件名\n2013/2/30,一次,${title}\n`));
    await page.getByRole('button', { name: '確認画面へ' }).click();
    await expect(page.getByTestId('import-problems')).toContainText('2');
    await expect(page.getByTestId('import-confirm')).toHaveCount(0);

    await page.goto('/meetings/import');
    await page.getByLabel(FILE).setInputFiles(csvFile('meetings.csv', `開催日,段階,件名,議事録\nH25.7.30,一次,${title},薬剤師会との打合せ\n`));
    await page.getByRole('button', { name: '確認画面へ' }).click();
    await expect(page.getByTestId('import-new')).toHaveText(/^1\s*件/);
    await page.getByTestId('import-confirm').click();
    await expect(page.getByTestId('import-done')).toContainText('1');
    await page.goto('/meetings?fy=2013');
    await expect(page.getByRole('link', { name: title })).toBeVisible();
  });
});
