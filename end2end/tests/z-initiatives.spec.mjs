// 連携の取組 (initiatives) and their trail (軌跡): an initiative started from a meeting's page,
// a training linked to it and a step of its own, the trail in date order (6/27 → 10/13 → 11/1)
// on screen and on paper, the list of initiatives, and a step added without JavaScript.
// Named to run last: it logs a training and a 2023 meeting that the demo-data and timeline
// checks of earlier specs do not expect.
import { test, expect } from '@playwright/test';

import { login, waitForHydration } from './helpers.mjs';

// Unique per run: other specs log meetings and trainings too.
const n = Date.now() % 100000;
const MEETING = `E2E取組 薬剤師会との打ち合わせ会${n}`;
const TRAINING = `E2E取組 社会的処方の研修会${n}`;
const INITIATIVE = `E2E取組 薬局×行政の社会的処方連携${n}`;
const PARTNERS = '薬剤師会、モデル薬局3店舗、地域包括支援センター（保健師）';
const STEP = '薬局を起点とした社会的処方連携スタート';
const STEP_NO_JS = `E2E取組 振り返りの会（JSなし）${n}`;

// Shared by the tests below, in order.
let meetingId;
let trainingId;
let initiativeId;

/** The trail's dates (the 日付 column), in the order shown. */
function trailDates(page) {
  return page.getByTestId('trail').locator('tbody tr td:nth-child(2)');
}

test.describe.serial('連携の取組', () => {
  test('a 一次連携 meeting starts an initiative; its trail shows the meeting', async ({ page }) => {
    await login(page);
    await page.goto('/meetings/new');
    await waitForHydration(page);
    await page.getByLabel('開催日').fill('2023-06-27');
    await page.getByLabel('連携の段階').selectOption({ label: '一次連携' });
    await page.getByLabel('種類').selectOption({ label: '打ち合わせ会' });
    await page.getByLabel('件名').fill(MEETING);
    // 一次連携: exactly one profession, else the form asks for a reason.
    await page.getByLabel('介護支援専門員', { exact: true }).check();
    await page.getByRole('button', { name: '保存する' }).click();
    await expect(page).toHaveURL(/\/meetings\/\d+/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(MEETING);
    meetingId = Number(page.url().match(/\/meetings\/(\d+)/)[1]);

    await page.getByTestId('start-initiative').click();
    await expect(page).toHaveURL(new RegExp(`/initiatives/new\\?meeting=${meetingId}$`));
    await waitForHydration(page);
    const form = page.getByTestId('initiative-form');
    await expect(form.getByText('この取組に、元になった会議を結びつけます。')).toBeVisible();
    await form.getByLabel('取組名').fill(INITIATIVE);
    await form.getByLabel('状況').selectOption({ label: '実施' });
    await form.getByLabel('日常の療養支援', { exact: true }).check();
    await form.getByLabel('連携先').fill(PARTNERS);
    await form.getByRole('button', { name: '保存する' }).click();

    await expect(page).toHaveURL(/\/initiatives\/\d+\?saved=1/);
    initiativeId = Number(page.url().match(/\/initiatives\/(\d+)/)[1]);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(INITIATIVE);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('実施');
    const trail = page.getByTestId('trail');
    await expect(trail).toContainText('6/27');
    await expect(trail).toContainText('一次連携');
    await expect(trail).toContainText(MEETING);
    await expect(trailDates(page)).toHaveText(['6/27']);
    await expect(page.getByTestId('linked-meetings')).toContainText(MEETING);
  });

  test('a training is linked and a step added: the trail reads 6/27, 10/13, 11/1', async ({ page }) => {
    test.setTimeout(60_000);
    await login(page);
    await page.goto('/trainings/new');
    await waitForHydration(page);
    await page.getByLabel('研修名').fill(TRAINING);
    await page.getByLabel('開催形態').selectOption({ label: 'チーム主催' });
    await page.getByLabel('段階についての理由').fill('市民向けの研修で、職種を限らないため');
    await page.getByRole('textbox', { name: /^開催日/ }).fill('2023-11-01');
    await page.getByLabel('会場', { exact: true }).fill('釜石市民ホール');
    await page.getByRole('button', { name: '保存する' }).click();
    await expect(page).toHaveURL(/\/trainings\/\d+/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(TRAINING);
    trainingId = Number(page.url().match(/\/trainings\/(\d+)/)[1]);

    await page.goto(`/initiatives/${initiativeId}`);
    await waitForHydration(page);
    const link = page.getByTestId('link-training');
    await link.getByLabel('研修を結びつける').selectOption({ value: String(trainingId) });
    await link.getByRole('button', { name: '結びつける' }).click();
    await expect(page).toHaveURL(new RegExp(`/initiatives/${initiativeId}\\?linked=1`));
    await expect(page.getByTestId('linked-trainings')).toContainText(TRAINING);
    await expect(trailDates(page)).toHaveText(['6/27', '11/1']);
    await expect(page.getByTestId('trail').locator('tbody tr').nth(1)).toContainText(TRAINING);

    const step = page.getByTestId('step-form');
    await step.getByLabel('日付').fill('2023-10-13');
    await step.getByLabel('できごと').fill(STEP);
    await step.getByRole('button', { name: '追加する' }).click();
    await expect(page).toHaveURL(new RegExp(`/initiatives/${initiativeId}\\?step=1`));
    await expect(trailDates(page)).toHaveText(['6/27', '10/13', '11/1']);
    const rows = page.getByTestId('trail').locator('tbody tr');
    await expect(rows.nth(0)).toContainText(MEETING);
    await expect(rows.nth(1)).toContainText(STEP);
    await expect(rows.nth(2)).toContainText(TRAINING);
  });

  test('the trail prints without its buttons; no sideways scroll on a phone', async ({ page }) => {
    await login(page);
    await page.goto(`/initiatives/${initiativeId}`);
    await waitForHydration(page);
    await page.getByTestId('trail-print').click();
    await expect(page).toHaveURL(new RegExp(`/initiatives/${initiativeId}/trail$`));
    await expect(page.getByRole('heading', { level: 1 })).toContainText(INITIATIVE);
    await expect(trailDates(page)).toHaveText(['6/27', '10/13', '11/1']);

    await page.emulateMedia({ media: 'print' });
    await expect(page.getByTestId('trail')).toBeVisible();
    await expect(page.getByTestId('trail')).toContainText(STEP);
    await expect(page.getByRole('button', { name: '印刷する' })).toBeHidden();
    await expect(page.getByRole('link', { name: '取組に戻る' })).toBeHidden();

    // On a phone: the initiative's page, trail and forms included, is no wider than the screen.
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/initiatives/${initiativeId}`);
    await waitForHydration(page);
    await expect(page.getByTestId('trail')).toBeVisible();
    await expect(page.getByTestId('step-form')).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
  });

  test('the list of initiatives shows it as 実施', async ({ page }) => {
    await login(page);
    await page.goto('/initiatives');
    const row = page.getByTestId('initiatives').getByRole('row').filter({ hasText: INITIATIVE });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('実施');
    await expect(row).toContainText('日常の療養支援');
    await expect(row).toContainText('薬剤師会');
    await row.getByRole('link', { name: INITIATIVE }).click();
    await expect(page).toHaveURL(new RegExp(`/initiatives/${initiativeId}$`));
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });

    test('a step without its できごと is refused at the field, then added', async ({ page }) => {
      await login(page);
      await page.goto(`/initiatives/${initiativeId}`);
      const step = page.getByTestId('step-form');
      await step.getByLabel('日付').fill('2024-03-25');
      // Blank to the server (it trims), though not to the browser's `required` check.
      await step.getByLabel('できごと').fill('   ');
      await step.getByRole('button', { name: '追加する' }).click();

      const error = page.locator('#f-description-error');
      await expect(error).toBeVisible();
      await expect(error).toContainText('できごとを入力してください。');
      const what = page.getByTestId('step-form').getByLabel('できごと');
      await expect(what).toHaveAttribute('aria-invalid', 'true');
      await expect(what).toHaveAttribute('aria-describedby', /f-description-error/);
      await expect(page.getByTestId('step-form').getByLabel('日付')).toHaveValue('2024-03-25');
      await expect(trailDates(page)).toHaveText(['6/27', '10/13', '11/1']);

      await what.fill(STEP_NO_JS);
      await page.getByTestId('step-form').getByRole('button', { name: '追加する' }).click();
      await expect(page).toHaveURL(new RegExp(`/initiatives/${initiativeId}\\?step=1`));
      await expect(page.getByTestId('trail')).toContainText(STEP_NO_JS);
      await expect(trailDates(page)).toHaveText(['6/27', '10/13', '11/1', '3/25']);
      await expect(page.locator('#f-description-error')).toBeHidden();
      await expect(page.locator('html')).not.toHaveAttribute('data-hydrated', 'true');
    });
  });
});
