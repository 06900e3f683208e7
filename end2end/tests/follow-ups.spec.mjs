import { test, expect } from '@playwright/test';
import { login, waitForHydration, watchErrors } from './helpers.mjs';

/** Records a 一次連携 meeting with the dentists and returns its page's path. */
async function meetingWithFollowUps(page, title, actions) {
  await page.goto('/meetings/new');
  await page.getByLabel('開催日').fill('2025-06-10');
  await page.getByLabel('連携の段階').selectOption({ label: '一次連携' });
  await page.getByLabel('種類').selectOption({ label: '打ち合わせ会' });
  await page.getByLabel('件名').fill(title);
  await page.getByLabel('歯科医師', { exact: true }).check();
  await page.getByRole('button', { name: '保存する' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(title);
  const path = new URL(page.url()).pathname;
  for (const action of actions) {
    const form = page.getByTestId('follow-up-form');
    // Whoever logs a follow-up owns it by default.
    await expect(form.getByLabel('担当')).toHaveValue(/^u:\d+$/);
    await form.getByLabel('対応内容').fill(action);
    await form.getByLabel('期限').fill('2025-07-01');
    await form.getByRole('button', { name: '追加する' }).click();
    await expect(page.getByTestId('follow-ups-table')).toContainText(action);
  }
  return path;
}

for (const js of [true, false]) {
  test.describe(js ? 'with JavaScript' : 'without JavaScript', () => {
    test.use({ javaScriptEnabled: js });

    test('follow-ups are edited, completed together and deleted after a confirmation', async ({ page }) => {
      const errors = watchErrors(page);
      await login(page);
      const tag = js ? 'JS' : 'noJS';
      await meetingWithFollowUps(page, `フォローアップ編集の会議 ${tag}`, [`名簿を送る ${tag}`, `案内を配る ${tag}`, `日程を決める ${tag}`]);
      if (js) await waitForHydration(page);
      const table = page.getByTestId('follow-ups-table');

      // Edit one: text and due date.
      await table.getByRole('link', { name: `編集: 名簿を送る ${tag}` }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('フォローアップの編集');
      await page.getByLabel('対応内容').fill(`名簿と資料を送る ${tag}`);
      await page.getByLabel('期限').fill('2025-07-15');
      await page.getByRole('button', { name: '保存する' }).click();
      await expect(page.getByRole('status').filter({ hasText: 'フォローアップを保存しました。' })).toBeVisible();
      await expect(table).toContainText(`名簿と資料を送る ${tag}`);
      await expect(table).toContainText('2025/07/15（火）');

      // Complete two at once.
      await table.getByRole('checkbox', { name: `選択: 名簿と資料を送る ${tag}` }).check();
      await table.getByRole('checkbox', { name: `選択: 案内を配る ${tag}` }).check();
      const bulk = page.getByTestId('follow-ups-bulk');
      await bulk.getByLabel('チェックした項目を').selectOption({ label: '完了にする' });
      await bulk.getByRole('button', { name: 'まとめて変更' }).click();
      await expect(table.getByRole('button', { name: `案内を配る ${tag}: 未完了に戻す` })).toBeVisible();
      await expect(table.getByRole('button', { name: `名簿と資料を送る ${tag}: 未完了に戻す` })).toBeVisible();
      await expect(table.getByRole('button', { name: `日程を決める ${tag}: 完了にする` })).toBeVisible();

      // Delete one, through its confirmation page.
      await table.getByRole('link', { name: `編集: 日程を決める ${tag}` }).click();
      await page.getByRole('link', { name: '削除…' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('フォローアップの削除');
      await page.getByRole('button', { name: '削除する' }).click();
      await expect(page.getByRole('status').filter({ hasText: 'フォローアップを削除しました。' })).toBeVisible();
      await expect(table).not.toContainText(`日程を決める ${tag}`);
      expect(errors).toEqual([]);
    });
  });
}
