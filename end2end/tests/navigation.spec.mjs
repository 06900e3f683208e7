import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { login, waitForHydration, watchErrors } from './helpers.mjs';

// The server of playwright.config.mjs; the demo seed runs beside it (SQLite takes both).
const SEED = ['../target/release/renkei', ['--data-dir', '../target/e2e-data', 'seed', '--demo']];

/** Records every answer of 400 or more, pages and server functions alike. */
function watchResponses(page) {
  const bad = [];
  page.on('response', (r) => {
    if (r.status() >= 400) bad.push(`${r.status()} ${r.request().method()} ${r.url()}`);
  });
  return bad;
}

/** Marks the document: a page load loses the mark. */
async function mark(page) {
  await page.evaluate(() => {
    window.__renkeiStayed = true;
  });
}

/** Links are ordinary page loads now that only islands run in the browser. */
async function expectPageLoad(page, what) {
  expect(await page.evaluate(() => window.__renkeiStayed === true), `${what} loaded a page`).toBe(false);
}

async function expectNoError(page, what, errors, bad) {
  await expect(page.locator('main h1').first(), what).toBeVisible();
  await expect(page.locator('main [role="alert"]:visible'), `${what}: no error on the page`).toHaveCount(0);
  await expect(page.locator('main'), what).not.toContainText('送信内容を読み取れませんでした');
  expect(errors, `${what}: console`).toEqual([]);
  expect(bad, `${what}: responses`).toEqual([]);
}

test('every menu link, 条件をクリア and Back work as page loads, with demo data', async ({ page }) => {
  // Visits every menu link and list (about 1.5 s each here): the budget grows with the menu.
  test.setTimeout(90_000);
  execFileSync(SEED[0], SEED[1], { stdio: 'pipe' });
  await login(page);
  // A meeting of our own, so that the meetings list has a record to open and leave.
  await page.goto('/meetings/new');
  await waitForHydration(page);
  await page.getByLabel('開催日').fill('2025-06-27');
  await page.getByLabel('連携の段階').selectOption({ label: '一次連携' });
  await page.getByLabel('種類').selectOption({ label: '打ち合わせ会' });
  await page.getByLabel('件名').fill('ナビゲーション確認の打ち合わせ');
  await page.getByLabel('薬剤師', { exact: true }).check();
  await page.getByRole('button', { name: '保存する' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('ナビゲーション確認の打ち合わせ');

  const errors = watchErrors(page);
  const bad = watchResponses(page);
  await page.goto('/');
  await waitForHydration(page);
  await mark(page);

  const nav = page.locator('#site-nav');
  const links = await nav.locator('ul a').evaluateAll((as) => as.map((a) => [a.getAttribute('href'), a.textContent.trim()]));
  expect(links.length).toBeGreaterThanOrEqual(10);
  for (const [href, label] of links) {
    await mark(page);
    await nav.locator('ul').getByRole('link', { name: label, exact: true }).click();
    await expect(page).toHaveURL((url) => url.pathname === href);
    await expectNoError(page, `menu ${label} (${href})`, errors, bad);
    await expectPageLoad(page, `menu ${label}`);
  }

  // The sections' own pages, reached by their in-page tabs.
  for (const [section, tabs] of [
    ['会議', ['カレンダー', '連携の歩み', 'フォローアップ', '会議の記録']],
    ['機関・人', ['人', '職種', '機関・団体']],
    ['管理', ['監査ログ', 'ユーザー管理']],
  ]) {
    await nav.locator('ul').getByRole('link', { name: section, exact: true }).click();
    for (const tab of tabs) {
      await mark(page);
      await page.locator('main nav.tabs').getByRole('link', { name: tab, exact: true }).click();
      await expect(page.locator('main nav.tabs a[aria-current="page"]')).toHaveText(tab);
      await expectNoError(page, `tab ${tab}`, errors, bad);
      await expectPageLoad(page, `tab ${tab}`);
    }
  }

  // Each list's 条件をクリア, after filtering by a word that finds nothing (人 through its tab).
  for (const [href, label] of [
    ['/meetings', '会議'],
    ['/trainings', '研修'],
    ['/consultations', '相談'],
    ['/directory/organisations', '機関・人'],
    ['/directory/people', '人'],
  ]) {
    if (href === '/directory/people') await page.locator('main nav.tabs').getByRole('link', { name: label, exact: true }).click();
    else await nav.locator('ul').getByRole('link', { name: label, exact: true }).click();
    await expect(page).toHaveURL((url) => url.pathname === href);
    await page.locator('#f-q').fill('該当なしのことば');
    await page.locator('#f-q').press('Enter');
    await expect(page).toHaveURL(/q=/);
    await page.getByRole('link', { name: '条件をクリア' }).click();
    await expect(page).toHaveURL((url) => url.pathname === href && url.search === '');
    await expectNoError(page, `条件をクリア on ${href}`, errors, bad);
  }

  // A register opened from /issues, then its 条件をクリア.
  await nav.locator('ul').getByRole('link', { name: '課題', exact: true }).click();
  await page.locator('main a[href^="/issues/register/"]').first().click();
  await expect(page).toHaveURL(/\/issues\/register\/\d+$/);
  await expectNoError(page, 'a register from /issues', errors, bad);
  await page.getByRole('link', { name: '条件をクリア' }).click();
  await expectNoError(page, '条件をクリア on a register', errors, bad);

  // From a record back to its list: the page's own link, and the browser's Back.
  for (const [href, label, rowLink, backLink] of [
    ['/meetings', '会議', 'main table a[href^="/meetings/"]', '会議の一覧へ戻る'],
    ['/trainings', '研修', 'main a[href^="/trainings/"]:not([href$="/new"]):not([href$="/tasks"]):not([href*="export"])', '研修の一覧へ戻る'],
    ['/consultations', '相談', 'main table a[href^="/consultations/"]', null],
    ['/directory/organisations', '機関・人', 'main table a[href^="/directory/organisations/"]', '機関・団体の一覧へ戻る'],
    ['/directory/people', '人', 'main table a[href^="/directory/people/"]', '人の一覧へ戻る'],
  ]) {
    // 人 is a tab of 機関・人.
    if (href === '/directory/people') await page.locator('main nav.tabs').getByRole('link', { name: label, exact: true }).click();
    else await nav.locator('ul').getByRole('link', { name: label, exact: true }).click();
    await expect(page).toHaveURL((url) => url.pathname === href);
    await page.locator(rowLink).first().click();
    await expect(page).not.toHaveURL((url) => url.pathname === href);
    await expectNoError(page, `a record of ${href}`, errors, bad);
    await page.goBack();
    await expect(page).toHaveURL((url) => url.pathname === href);
    await expectNoError(page, `Back to ${href}`, errors, bad);
    if (backLink) {
      await page.locator(rowLink).first().click();
      await page.getByRole('link', { name: backLink }).click();
      await expect(page).toHaveURL((url) => url.pathname === href);
      await expectNoError(page, `${backLink}`, errors, bad);
    }
  }
});
