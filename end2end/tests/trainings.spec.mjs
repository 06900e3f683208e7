import { test, expect } from '@playwright/test';
import { login, waitForHydration } from './helpers.mjs';

/** Adds an association to organise the training; returns its name. */
async function addAssociation(page, name) {
  await page.goto('/directory/organisations/new');
  await page.getByLabel('名称').fill(name);
  await page.getByLabel('種別').selectOption({ label: '職能団体' });
  await page.getByLabel('薬剤師', { exact: true }).check();
  await page.getByRole('button', { name: '保存する' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(name);
  return name;
}

test('plan a 開催支援 training from its preparatory meeting to the reflection', async ({ page }) => {
  await login(page);
  const org = await addAssociation(page, '釜石薬剤師会（研修）');
  await page.goto('/trainings/new');
  await waitForHydration(page);
  await page.getByLabel('研修名').fill('薬剤師と多職種の研修会');
  await page.getByLabel('開催形態').selectOption({ label: '開催支援' });
  await page.getByLabel('主催（共催）する機関・団体').selectOption({ label: org });
  await page.getByLabel('薬剤師', { exact: true }).check();
  // 三次連携 with one profession: the level rule asks why.
  await page.getByLabel('段階についての理由').fill('薬剤師会の会員向けの研修に他職種も招くため');
  await page.getByRole('textbox', { name: /^開催日/ }).fill('2027-02-20');
  await page.getByLabel('開始時刻').fill('18:30');
  await page.getByLabel('会場', { exact: true }).fill('釜石市民ホール');
  // The seven supports as the preparatory meeting agreed them.
  await page.getByLabel('講師派遣', { exact: true }).selectOption({ label: 'チーム' });
  await page.getByLabel('当日運営', { exact: true }).selectOption({ label: '共同' });
  await page.getByLabel('当日運営 備考').fill('受付はチーム、司会は薬剤師会');
  await page.getByLabel('作成: 会場の確保').uncheck();
  await page.getByRole('button', { name: '保存する' }).click();

  await expect(page.getByRole('heading', { level: 1 })).toContainText('薬剤師と多職種の研修会');
  const plan = page.getByTestId('support-plan');
  await expect(plan.getByRole('row').filter({ hasText: '講師派遣' })).toHaveAttribute('data-assignee', 'team');
  await expect(plan.getByRole('row').filter({ hasText: '当日運営' })).toHaveAttribute('data-assignee', 'joint');
  await expect(plan).toContainText('受付はチーム、司会は薬剤師会');
  await expect(plan.getByRole('row').filter({ hasText: '参加者とりまとめ' })).toHaveAttribute('data-assignee', 'organiser');
  const tasks = page.getByTestId('tasks-table');
  await expect(tasks.getByRole('row')).toHaveCount(8);
  await expect(tasks).toContainText('2026/12/22（火）');
  await expect(tasks).not.toContainText('会場の確保');
  await expect(page.getByTestId('task-progress')).toContainText('0/7');

  // The first preparatory meeting, recorded from the training.
  await page.getByRole('link', { name: '準備の会議を記録' }).click();
  await expect(page.getByLabel('件名')).toHaveValue('薬剤師と多職種の研修会 事前打ち合わせ');
  await page.getByLabel('議事録').fill('役割分担を確認した。');
  await page.getByRole('button', { name: '保存する' }).click();
  await expect(page.getByText('会議を記録し、この研修に関連づけました。')).toBeVisible();
  await expect(page.getByTestId('training-meetings')).toContainText('準備の会議');

  await page.getByRole('button', { name: '講師の依頼: 完了にする' }).click();
  await expect(page.getByTestId('task-progress')).toContainText('1/7');

  // Afterwards: the outcome and the 反省会.
  await page.getByRole('link', { name: '結果を記録' }).click();
  const outcome = page.getByTestId('outcome-form');
  await outcome.getByLabel('薬剤師', { exact: true }).fill('15');
  await outcome.getByLabel('その他（住民・学生など）').fill('3');
  await outcome.getByLabel('回答数').fill('16');
  await outcome.getByLabel('3 ふつう').fill('2');
  await outcome.getByLabel('4 やや満足').fill('6');
  await outcome.getByLabel('5 満足').fill('8');
  await outcome.getByLabel('振り返り・次回への学び').fill('平日夜の開催は参加しやすい。');
  await outcome.getByRole('button', { name: '保存する' }).click();
  await expect(page.getByTestId('participants-total')).toContainText('18人');
  await expect(page.getByTestId('satisfaction-mean')).toHaveText('4.4');
  await expect(page.getByTestId('training-outcome')).toContainText('平日夜の開催は参加しやすい。');

  await page.getByRole('link', { name: '反省会を記録' }).click();
  await expect(page.getByLabel('件名')).toHaveValue('薬剤師と多職種の研修会 反省会');
  await page.getByRole('button', { name: '保存する' }).click();
  await expect(page.getByTestId('training-meetings')).toContainText('反省会');

  await page.goto('/trainings');
  const row = page.getByTestId('trainings').getByRole('row').filter({ hasText: '薬剤師と多職種の研修会' });
  await expect(row).toContainText('1/7');
  await expect(row).toContainText(org);
  await page.goto('/trainings/tasks');
  await expect(page.getByTestId('tasks-table')).toContainText('開催案内・他職種への周知');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a refused training keeps what was typed, then saves and its tasks can be ticked', async ({ page }) => {
    await login(page);
    await page.goto('/trainings/new');
    await page.getByLabel('研修名').fill('在宅医療の市民向け研修');
    await page.getByRole('textbox', { name: /^開催日/ }).fill('2027-03-05');
    await page.getByLabel('会場', { exact: true }).fill('市役所 大会議室');
    await page.getByRole('button', { name: '保存する' }).click();
    // 開催支援 without an organiser: the message at the field, the rest kept.
    await expect(page.locator('#f-organiser-error')).toContainText('共催・開催支援では');
    // 三次連携 without professions: the level rule asks for a reason too.
    await expect(page.locator('#f-level_reason-error')).toContainText('理由を入力して保存してください');
    await expect(page.getByLabel('会場', { exact: true })).toHaveValue('市役所 大会議室');
    await page.getByLabel('開催形態').selectOption({ label: 'チーム主催' });
    await page.getByLabel('段階についての理由').fill('市民向けの研修で、職種を限らないため');
    await page.getByRole('button', { name: '保存する' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('在宅医療の市民向け研修');
    await page.getByRole('button', { name: '講師の依頼: 完了にする' }).click();
    await expect(page.getByTestId('task-progress')).toContainText('1/8');
  });
});
