// The plan by the four scenes (PDCA), tagging from a record's own form, the period report
// and the handover pack: a meeting tagged 看取り and with an initiative from its form, a
// year's plan started as a draft, a scene's evaluation saved and an indicator added without
// JavaScript, the plan printed and on a phone, a month's report and a profession's pack.
// Named to run after the initiatives spec; it makes the initiative it tags.
import { test, expect } from '@playwright/test';

import { login, waitForHydration } from './helpers.mjs';

const n = Date.now() % 100000;
// A year of its own per run, so drafts and indicators start empty.
const FY = 2040 + (n % 50);
const MEETING = `E2E計画 訪問看護との打ち合わせ会${n}`;
const EVALUATION = `E2E計画 病院との共催研修で参加が倍になった${n}`;
const INDICATOR = `E2E計画 ACP講座の参加者${n}`;
const INITIATIVE = `E2E計画 ACP普及啓発${n}`;

async function noSidewaysScroll(page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);
}

test.describe.serial('4つの場面の計画', () => {
  test('a meeting is tagged with 看取り and an initiative from its own form', async ({ page }) => {
    await login(page);
    await page.goto('/initiatives/new');
    await waitForHydration(page);
    const initiativeForm = page.getByTestId('initiative-form');
    await initiativeForm.getByLabel('取組名').fill(INITIATIVE);
    await initiativeForm.getByLabel('状況').selectOption({ label: '実施' });
    await initiativeForm.getByRole('button', { name: '保存する' }).click();
    await expect(page).toHaveURL(/\/initiatives\/\d+\?saved=1/);

    await page.goto('/meetings/new');
    await waitForHydration(page);
    await page.getByLabel('開催日').fill('2030-06-10');
    await page.getByLabel('連携の段階').selectOption({ label: '一次連携' });
    await page.getByLabel('種類').selectOption({ label: '打ち合わせ会' });
    await page.getByLabel('件名').fill(MEETING);
    await page.getByLabel('介護支援専門員', { exact: true }).check();
    await page.getByLabel('看取り', { exact: true }).check();
    const initiatives = page.locator('#f-initiatives');
    await expect(initiatives).toBeVisible();
    await initiatives.getByLabel(INITIATIVE, { exact: true }).check();
    await page.getByRole('button', { name: '保存する' }).click();
    await expect(page).toHaveURL(/\/meetings\/\d+/);
    const facts = page.getByTestId('meeting-facts');
    await expect(facts).toContainText('看取り');
    await expect(page.getByTestId('meeting-initiatives')).toContainText(INITIATIVE);
  });

  test('a new year starts as a draft from the guide; a scene is evaluated and printed', async ({ page }) => {
    await login(page);
    await page.goto(`/plan?fy=${FY}`);
    await waitForHydration(page);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('4つの場面の計画');
    await expect(page.getByTestId('scene-end_of_life')).toContainText('未作成');
    await page.getByTestId('carry').getByRole('button', { name: '下書きを作る' }).click();
    await expect(page).toHaveURL(new RegExp(`/plan\\?fy=${FY}&carried=1`));
    const eol = page.getByTestId('scene-end_of_life');
    await expect(eol).toContainText('下書き');
    await expect(eol).toContainText('人生の最終段階における本人が望む場所での看取りが実施される。');
    await expect(page.getByTestId('carry')).toHaveCount(0);

    await eol.getByRole('link', { name: 'この場面を編集' }).click();
    await expect(page).toHaveURL(new RegExp(`/plan/edit\\?fy=${FY}&scene=end_of_life`));
    await waitForHydration(page);
    await page.getByTestId('plan-form').getByLabel('年度末評価').fill(EVALUATION);
    await page.getByTestId('plan-form').getByRole('button', { name: '保存する' }).click();
    await expect(page).toHaveURL(new RegExp(`/plan\\?fy=${FY}&saved=1`));
    const saved = page.getByTestId('scene-end_of_life');
    await expect(saved).toContainText(EVALUATION);
    await expect(saved).not.toContainText('下書き');

    await page.emulateMedia({ media: 'print' });
    await expect(saved).toContainText(EVALUATION);
    await expect(saved.getByRole('link', { name: 'この場面を編集' })).toBeHidden();
    await expect(page.getByRole('link', { name: 'Excelでダウンロード' })).toBeHidden();
    await page.emulateMedia({ media: 'screen' });

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/plan?fy=${FY}`);
    await expect(page.getByTestId('scene-daily')).toBeVisible();
    await noSidewaysScroll(page);
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });

    test('an indicator is refused at its field, then added with its achievement', async ({ page }) => {
      await login(page);
      await page.goto(`/plan/edit?fy=${FY}&scene=end_of_life`);
      const form = page.getByTestId('indicator-form');
      await form.locator('#f-label').fill(INDICATOR);
      await form.getByLabel('目標値').fill('100');
      await form.getByLabel('実績（手入力のとき）').fill('-5');
      await form.getByRole('button', { name: '加える' }).click();
      await expect(page.locator('#f-actual-error')).toContainText('0以上の整数');
      await expect(page.locator('#f-label')).toHaveValue(INDICATOR);

      await page.getByTestId('indicator-form').getByLabel('実績（手入力のとき）').fill('87');
      await page.getByTestId('indicator-form').getByRole('button', { name: '加える' }).click();
      await expect(page).toHaveURL(/indicator=1/);
      const row = page.getByTestId('indicators').getByRole('row').filter({ hasText: INDICATOR });
      await expect(row).toContainText('87%');
      await page.goto(`/plan?fy=${FY}`);
      await expect(page.getByTestId('scene-end_of_life').getByTestId('indicators')).toContainText(INDICATOR);
    });

    test('a period report is picked from the usual periods; a wrong date is named at its field', async ({ page }) => {
      await login(page);
      await page.goto('/reports/period');
      await expect(page.getByRole('heading', { level: 1 })).toContainText('期間の活動報告');
      await page.getByTestId('period-presets').getByRole('link', { name: '先月' }).click();
      await expect(page).toHaveURL(/from=\d{4}-\d{2}-01&to=\d{4}-\d{2}-\d{2}/);
      await expect(page.getByTestId('section-meetings')).toBeVisible();
      await page.goto('/reports/period?from=2026-11-30&to=2026-11-01');
      await expect(page.locator('#f-to-error')).toContainText('終了日は開始日と同じか');
      await expect(page.getByLabel('開始日')).toHaveValue('2026-11-30');
    });

    test('a profession is handed over in one pack', async ({ page }) => {
      await login(page);
      await page.goto('/handover');
      await page.getByLabel('職種').selectOption({ label: '介護支援専門員' });
      await page.getByRole('button', { name: '表示' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toContainText('介護支援専門員');
      await expect(page.getByText('一次連携（直近10回）')).toBeVisible();
      await expect(page.getByText(MEETING)).toBeVisible();
    });
  });
});
