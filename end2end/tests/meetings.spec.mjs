import { test, expect } from '@playwright/test';
import { login, waitForHydration } from './helpers.mjs';

/** Fills the parts of the meeting form every test uses. */
async function fillMeeting(page, { date, title, profession }) {
  await page.getByLabel('開催日').fill(date);
  await page.getByLabel('開始時刻').fill('13:30');
  await page.getByLabel('終了時刻').fill('15:00');
  await page.getByLabel('連携の段階').selectOption({ label: '一次連携' });
  await page.getByLabel('種類').selectOption({ label: '打ち合わせ会' });
  await page.getByLabel('件名').fill(title);
  await page.getByLabel(profession, { exact: true }).check();
  await page.getByLabel('名簿にない出席者').fill('港 花子（港薬局）');
  await page.getByLabel('議事録').fill('在宅訪問の処方せんについて意見を伺った。\n次回は9月。');
  await page.getByLabel('【イ】連携の課題の抽出と対応策の検討').check();
}

test('log a 一次連携 打ち合わせ会 with a follow-up, find it, and see it on the timeline and the calendar', async ({ page }) => {
  await login(page);
  await page.goto('/meetings/new');
  await waitForHydration(page);
  await fillMeeting(page, { date: '2025-03-31', title: '薬剤師会 打ち合わせ会', profession: '薬剤師' });
  // Two professions at the first level: a warning that a reason overrides.
  await page.getByLabel('歯科医師', { exact: true }).check();
  await page.getByRole('button', { name: '保存する' }).click();
  await expect(page.locator('#f-level_reason-error')).toContainText('一次連携は相手の職種が1つ');
  await expect(page.getByLabel('件名')).toHaveValue('薬剤師会 打ち合わせ会');
  await page.getByLabel('歯科医師', { exact: true }).uncheck();
  await page.getByRole('button', { name: '保存する' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('薬剤師会 打ち合わせ会');
  const facts = page.getByTestId('meeting-facts');
  await expect(facts).toContainText('2025/03/31（月）');
  await expect(facts).toContainText('令和6年度');
  await expect(facts).toContainText('港 花子（港薬局）');
  await expect(page.getByTestId('minutes')).toContainText('次回は9月。');

  const followUp = page.getByTestId('follow-up-form');
  await followUp.getByLabel('対応内容').fill('研修会の案内を送る');
  await followUp.getByLabel('期限').fill('2025-04-10');
  await followUp.getByRole('button', { name: '追加する' }).click();
  await expect(page.getByTestId('follow-ups-table')).toContainText('研修会の案内を送る');
  await expect(page.getByTestId('follow-ups-table')).toContainText('期限切れ');

  await page.goto('/meetings');
  await page.getByLabel('年度').selectOption({ value: '2024' });
  await page.getByLabel('段階').selectOption({ label: '一次連携' });
  await page.getByLabel('キーワード').fill('ショホウ');
  await page.getByRole('button', { name: '絞り込む' }).click();
  await expect(page.getByTestId('meetings-table')).toHaveCount(0);
  await page.getByLabel('キーワード').fill('処方せん');
  await page.getByRole('button', { name: '絞り込む' }).click();
  await expect(page.getByTestId('meetings-table')).toContainText('薬剤師会 打ち合わせ会');
  await expect(page.getByTestId('meeting-counts')).toContainText('一次連携 1件');

  await page.goto('/meetings/timeline');
  const row = page.getByTestId('timeline-table').getByRole('row').filter({ hasText: '薬剤師' }).first();
  await expect(row).toContainText('R6（2024年度）');
  await expect(row).toContainText('3/31');

  await page.goto('/meetings/calendar?month=2025-03');
  await expect(page.getByTestId('calendar')).toContainText('薬剤師会 打ち合わせ会');
  await page.goto('/meetings/follow-ups');
  await expect(page.getByTestId('follow-ups-table')).toContainText('研修会の案内を送る');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('log a meeting and find it on the timeline', async ({ page }) => {
    await login(page);
    await page.goto('/meetings/new');
    await fillMeeting(page, { date: '2025-06-27', title: '歯科医師会 打ち合わせ会', profession: '歯科医師' });
    await page.getByLabel('終了時刻').fill('12:00');
    await page.getByRole('button', { name: '保存する' }).click();
    await expect(page.locator('#f-end_time-error')).toContainText('開始時刻より後');
    await expect(page.getByLabel('件名')).toHaveValue('歯科医師会 打ち合わせ会');
    await page.getByLabel('終了時刻').fill('15:00');
    await page.getByRole('button', { name: '保存する' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('歯科医師会 打ち合わせ会');
    await expect(page.getByTestId('meeting-facts')).toContainText('令和7年度');

    await page.goto('/meetings?level=1&fy=2025');
    await expect(page.getByTestId('meetings-table')).toContainText('歯科医師会 打ち合わせ会');
    await page.goto('/meetings/timeline');
    const row = page.getByTestId('timeline-table').getByRole('row').filter({ hasText: '歯科医師' }).first();
    await expect(row).toContainText('6/27');
  });
});
