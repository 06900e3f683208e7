import { test, expect } from '@playwright/test';
import { addUser, login, waitForHydration } from './helpers.mjs';

const VIEWER = { login: 'sato-viewer', password: 'e2e-viewer-password', name: '佐藤 閲覧' };
const TITLE = '在宅療養者の栄養相談の窓口が分からない';

test('raise an issue from a 一次連携 meeting, act on it in two fiscal years, see it in the matrix; a viewer sees no trace', async ({ page, browser }) => {
  await login(page);
  await page.goto('/meetings/new');
  await waitForHydration(page);
  await page.getByLabel('開催日').fill('2012-10-01');
  await page.getByLabel('連携の段階').selectOption({ label: '一次連携' });
  await page.getByLabel('種類').selectOption({ label: '打ち合わせ会' });
  await page.getByLabel('件名').fill('栄養士会 課題抽出の打ち合わせ会');
  await page.getByLabel('栄養士', { exact: true }).check();
  await page.getByRole('button', { name: '保存する' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('課題抽出の打ち合わせ会');
  const meetingUrl = page.url().replace(/\?.*$/, '');

  // From the meeting: profession and source are filled in.
  await page.getByTestId('meeting-issues').getByRole('link', { name: '課題を追加' }).click();
  await waitForHydration(page);
  await expect(page.getByLabel('職種')).toHaveValue(/\d+/);
  await expect(page.locator('#f-source')).toHaveValue('meeting');
  await page.getByLabel('課題').fill(TITLE);
  await page.locator('#f-layer').selectOption('between');
  await page.getByRole('button', { name: '保存する' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(TITLE);
  const facts = page.getByTestId('issue-facts');
  await expect(facts).toContainText('職種間 → 二次連携');
  await expect(facts).toContainText('平成24年度');
  const issueUrl = page.url().replace(/[?#].*$/, '');

  // Actions in two fiscal years.
  const form = page.getByTestId('action-form');
  await form.getByLabel('実施日').fill('2013-07-10');
  await form.getByLabel('区分').selectOption('second');
  await form.getByLabel('取組の内容').fill('医療機関と連携した在宅訪問研修');
  await form.getByRole('button', { name: '記録する' }).click();
  await expect(page.getByTestId('actions')).toContainText('医療機関と連携した在宅訪問研修');
  await form.getByLabel('実施日').fill('2014-06-01');
  await form.getByLabel('区分').selectOption('role');
  await form.getByLabel('取組の内容').fill('チームかまいしの役割周知');
  await form.getByRole('button', { name: '記録する' }).click();
  await expect(page.getByTestId('actions')).toContainText('チームかまいしの役割周知');

  await page.getByRole('link', { name: '年度別の取組' }).click();
  const matrix = page.getByTestId('matrix');
  const row = matrix.getByRole('row').filter({ hasText: TITLE });
  const headers = await matrix.locator('thead th').allTextContents();
  const cell = (label) => row.locator('td, th').nth(headers.indexOf(label));
  await expect(cell('H24')).toContainText('抽出');
  await expect(cell('H25')).toHaveText('◆');
  await expect(cell('H26')).toHaveText('★');
  await expect(cell('H25').getByRole('link')).toHaveAttribute('title', /在宅訪問研修/);
  await expect(page.getByRole('link', { name: 'Excelで出力' })).toHaveAttribute('href', /matrix\.xlsx\?from=2012&to=\d{4}/);

  // The meeting lists the issue raised in it.
  await page.goto(meetingUrl);
  await expect(page.getByTestId('meeting-issues')).toContainText(TITLE);

  // A viewer: no link, no register, nothing on the meeting page.
  await addUser(page, VIEWER, 'viewer');

  const context = await browser.newContext();
  const viewer = await context.newPage();
  await login(viewer, VIEWER);
  await expect(viewer.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '課題' })).toHaveCount(0);
  const register = await viewer.goto('/issues');
  expect(register.status()).toBe(403);
  await viewer.goto(meetingUrl);
  await expect(viewer.getByRole('heading', { level: 1 })).toContainText('課題抽出の打ち合わせ会');
  await expect(viewer.getByTestId('meeting-issues')).toHaveCount(0);
  for (const url of [meetingUrl, issueUrl, '/issues/routing']) {
    const res = await viewer.goto(url);
    expect(await res.text()).not.toContain(TITLE);
  }
  await context.close();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('add an issue (a rejected one keeps its input) and an action', async ({ page }) => {
    await login(page);
    await page.goto('/issues/new');
    await page.getByLabel('職種').selectOption({ label: '歯科医師' });
    await page.getByLabel('課題').fill('訪問歯科の依頼経路が分からない');
    await page.locator('#f-layer').selectOption('within');
    await page.locator('#f-source').selectOption('consultation');
    await page.getByLabel('抽出年度').fill('平成');
    await page.getByRole('button', { name: '保存する' }).click();
    await expect(page.locator('#f-fiscal_year-error')).toContainText('H24、R6、2024');
    await expect(page.getByLabel('課題')).toHaveValue('訪問歯科の依頼経路が分からない');
    await page.getByLabel('抽出年度').fill('H30');
    await page.getByRole('button', { name: '保存する' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('訪問歯科の依頼経路が分からない');
    await expect(page.getByTestId('issue-facts')).toContainText('平成30年度');
    await expect(page.getByTestId('issue-facts')).toContainText('職種内 → フィードバック');

    const form = page.getByTestId('action-form');
    await form.getByLabel('実施日').fill('2019-04-01');
    await form.getByLabel('区分').selectOption('role');
    await form.getByLabel('取組の内容').fill('歯科医師会へフィードバック');
    await form.getByRole('button', { name: '記録する' }).click();
    await expect(page.getByTestId('actions')).toContainText('R1');
    await expect(page.getByTestId('actions')).toContainText('歯科医師会へフィードバック');
  });
});
