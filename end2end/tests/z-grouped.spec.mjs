// What an initiative groups beyond meetings and trainings, and the meeting kinds kept by an
// administrator: a kind added, used for a meeting and retired; an issue tagged with an
// initiative from its own form without JavaScript, and listed on the initiative's page.
import { test, expect } from '@playwright/test';

import { ADMIN, login, waitForHydration } from './helpers.mjs';

const n = Date.now() % 100000;
const KIND = `E2E地域ケア個別会議${n}`;
const MEETING = `E2E種類 個別会議の記録${n}`;
const INITIATIVE = `E2Eまとめ 歯科×ケアマネ${n}`;
const ISSUE = `E2Eまとめ 訪問歯科の依頼が届かない${n}`;

test('an administrator adds a meeting kind, a meeting uses it, and a retired kind is no longer offered', async ({ page }) => {
  await login(page);
  await page.goto('/meetings');
  await page.getByRole('link', { name: '種類の管理' }).click();
  await expect(page).toHaveURL(/\/meetings\/kinds/);
  await waitForHydration(page);
  // The names are editable in place: each is the value of its row's field.
  await expect(page.getByTestId('meeting-kinds').locator('input[value="打ち合わせ会"]')).toHaveCount(1);
  await page.getByRole('textbox', { name: '種類の名前（必須）' }).fill(KIND);
  await page.getByRole('button', { name: '追加する' }).click();
  const row = page.getByTestId('meeting-kinds').locator('tr').filter({ has: page.locator(`input[value="${KIND}"]`) });
  await expect(row).toContainText('使用中');

  await page.goto('/meetings/new');
  await waitForHydration(page);
  await page.getByLabel('開催日').fill('2031-05-20');
  await page.getByLabel('連携の段階').selectOption({ label: '一次連携' });
  await page.getByLabel('種類').selectOption({ label: KIND });
  await page.getByLabel('件名').fill(MEETING);
  await page.getByLabel('介護支援専門員', { exact: true }).check();
  await page.getByRole('button', { name: '保存する' }).click();
  await expect(page).toHaveURL(/\/meetings\/\d+/);
  await expect(page.getByTestId('meeting-facts')).toContainText(KIND);

  await page.goto('/meetings/kinds');
  await waitForHydration(page);
  await row.getByRole('button', { name: '廃止する' }).click();
  await expect(row).toContainText('廃止');
  await expect(row.locator('td.num')).toHaveText('1');
  await page.goto('/meetings/new');
  await waitForHydration(page);
  await expect(page.getByLabel('種類').locator('option', { hasText: KIND })).toHaveCount(0);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('an issue joins an initiative from its own form and is listed on the initiative', async ({ page }) => {
    await login(page);
    await page.goto('/initiatives/new');
    const initiativeForm = page.getByTestId('initiative-form');
    await initiativeForm.getByLabel('取組名').fill(INITIATIVE);
    await initiativeForm.getByLabel('状況').selectOption({ label: '準備' });
    await initiativeForm.getByRole('button', { name: '保存する' }).click();
    await expect(page).toHaveURL(/\/initiatives\/\d+\?saved=1/);
    const initiativeUrl = page.url().replace(/\?.*$/, '');

    await page.goto('/issues/new');
    await page.getByLabel('職種').selectOption({ label: '歯科医師' });
    await page.getByLabel('課題').fill(ISSUE);
    await page.locator('#f-layer').selectOption('within');
    await page.locator('#f-source').selectOption('consultation');
    await page.getByLabel('抽出年度').fill('R8');
    await page.locator('#f-initiatives').getByLabel(INITIATIVE, { exact: true }).check();
    await page.getByRole('button', { name: '保存する' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(ISSUE);
    await expect(page.getByTestId('issue-initiatives')).toContainText(INITIATIVE);

    await page.goto(initiativeUrl);
    await expect(page.getByTestId('grouped-issues')).toContainText(ISSUE);
  });
});

test('the calendar marks today, and a print carries who printed it and when', async ({ page }) => {
  await login(page);
  await page.goto('/meetings/calendar');
  const today = page.locator('[data-testid="calendar"] td[aria-current="date"]');
  await expect(today).toHaveCount(1);
  await expect(today).toContainText('今日');
  const day = await page.evaluate(() => new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', day: 'numeric' }).format(new Date()).replace('日', ''));
  await expect(today.locator('.day')).toHaveText(new RegExp(`^\\s*${day}\\s*今日\\s*$`));
  const stamp = page.locator('.print-stamp');
  await expect(stamp).toBeHidden();
  await page.emulateMedia({ media: 'print' });
  await expect(stamp).toBeVisible();
  await expect(stamp).toContainText('印刷日');
  await expect(stamp).toContainText(ADMIN.name);
});
