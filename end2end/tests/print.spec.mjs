import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { addUser, login, waitForHydration } from './helpers.mjs';

// The server of playwright.config.mjs; the demo seed runs beside it (SQLite takes both) and
// adds nothing that is already there.
const SEED = ['../target/release/renkei', ['--data-dir', '../target/e2e-data', 'seed', '--demo']];
const CHOICE = '部外秘の欄も印刷する';
const ISSUE = '配布する議事録に載せない課題';
const VIEWER = { login: 'print-viewer', password: 'e2e-print-viewer-password', name: '印刷 閲覧' };

test.beforeAll(() => {
  execFileSync(SEED[0], SEED[1], { stdio: 'pipe' });
});

/** Logs a 一次連携 meeting through the form (`js`: once the page has hydrated); returns its URL. */
async function logMeeting(page, title, js) {
  await page.goto('/meetings/new');
  if (js) await waitForHydration(page);
  await page.getByLabel('開催日').fill('2025-07-15');
  await page.getByLabel('連携の段階').selectOption({ label: '一次連携' });
  await page.getByLabel('種類').selectOption({ label: '打ち合わせ会' });
  await page.getByLabel('件名').fill(title);
  await page.getByLabel('薬剤師', { exact: true }).check();
  await page.getByRole('button', { name: '保存する' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(title);
  return page.url().replace(/[?#].*$/, '');
}

/**
 * The confidential `section` is left out of the print until the choice is ticked (on screen,
 * where the choice is), then printed under the 部外秘 mark; the rest of the page, `kept`,
 * is printed either way.
 */
async function expectPrintChoice(page, section, kept) {
  const choice = page.getByLabel(CHOICE);
  const mark = page.locator('.print-confidential-mark');
  await page.emulateMedia({ media: 'screen' });
  await expect(section).toBeVisible();
  await expect(choice).toBeVisible();
  await expect(choice).not.toBeChecked();
  await expect(mark).toBeHidden();

  await page.emulateMedia({ media: 'print' });
  await expect(kept).toBeVisible();
  await expect(section).toBeHidden();
  await expect(mark).toBeHidden();
  await expect(choice).toBeHidden();

  await page.emulateMedia({ media: 'screen' });
  await choice.check();
  await expect(mark).toBeHidden();
  await page.emulateMedia({ media: 'print' });
  await expect(kept).toBeVisible();
  await expect(section).toBeVisible();
  await expect(mark).toBeVisible();
  await expect(mark).toHaveText('部外秘');

  // Unticked: left out again.
  await page.emulateMedia({ media: 'screen' });
  await choice.uncheck();
  await page.emulateMedia({ media: 'print' });
  await expect(section).toBeHidden();
  await expect(mark).toBeHidden();
  await page.emulateMedia({ media: 'screen' });
}

test('a meeting prints without its confidential issues unless asked, then under a 部外秘 mark; a viewer is not offered the choice', async ({ page, browser }) => {
  await login(page);
  const meetingUrl = await logMeeting(page, '印刷確認の打ち合わせ会', true);
  await page.getByTestId('meeting-issues').getByRole('link', { name: '課題を追加' }).click();
  await waitForHydration(page);
  await page.getByLabel('課題').fill(ISSUE);
  await page.locator('#f-layer').selectOption('between');
  await page.getByRole('button', { name: '保存する' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(ISSUE);

  await page.goto(meetingUrl);
  await waitForHydration(page);
  const issues = page.getByTestId('meeting-issues');
  await expect(issues).toContainText(ISSUE);
  await expectPrintChoice(page, issues, page.getByTestId('meeting-facts'));

  // Someone who may not read the registers gets neither the section nor the choice.
  await addUser(page, VIEWER, 'viewer');
  const context = await browser.newContext();
  const viewer = await context.newPage();
  await login(viewer, VIEWER);
  await viewer.goto(meetingUrl);
  await expect(viewer.getByRole('heading', { level: 1 })).toContainText('印刷確認の打ち合わせ会');
  await expect(viewer.getByTestId('meeting-issues')).toHaveCount(0);
  await expect(viewer.getByLabel(CHOICE)).toBeHidden();
  await viewer.emulateMedia({ media: 'print' });
  await expect(viewer.getByTestId('meeting-facts')).toBeVisible();
  await expect(viewer.locator('.print-confidential-mark')).toBeHidden();
  await context.close();
});

test('a training prints without the issues it addresses unless asked', async ({ page }) => {
  await login(page);
  await page.goto('/trainings');
  await page.locator('main a[href^="/trainings/"]:not([href$="/new"]):not([href$="/tasks"]):not([href*="export"])').first().click();
  await expect(page).toHaveURL(/\/trainings\/\d+$/);
  await waitForHydration(page);
  const form = page.getByTestId('link-issue-form');
  const select = form.locator('select[name="issue"]');
  await select.selectOption({ index: 1 });
  const name = (await select.locator('option:checked').textContent()).trim();
  await form.getByRole('button', { name: '関連づける' }).click();
  const issues = page.getByTestId('training-issues');
  await expect(issues.locator('ul.linked')).toContainText(name);
  await expectPrintChoice(page, issues, page.getByTestId('training-facts'));
});

test('the annual report prints without its issue section unless asked', async ({ page }) => {
  await login(page);
  await page.goto('/report');
  await waitForHydration(page);
  const issues = page.getByTestId('section-issues');
  await expect(issues.getByRole('heading', { level: 2 })).toContainText('部外秘');
  await expectPrintChoice(page, issues, page.getByTestId('section-meetings'));
  // Only the confidential section is left out: the sections before it still start pages.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('section-trainings')).toBeVisible();
  await expect(page.getByTestId('section-trainings')).toHaveCSS('break-before', 'page');
  // Denser tables on paper (9pt), free to break across pages (no scrolling box around them).
  const table = page.getByTestId('report-meetings-0');
  await expect(table).toHaveCSS('font-size', '12px');
  await expect(table.locator('xpath=..')).toHaveCSS('overflow-x', 'visible');
  await page.emulateMedia({ media: 'screen' });
});

test('the trends print keeps how the table counts and leaves out the hint for the mouse', async ({ page }) => {
  await login(page);
  await page.goto('/consultations/trends');
  const note = page.getByTestId('trend-note');
  const hover = note.getByText('年度名にマウスを重ねると西暦年度を表示します。');
  await expect(hover).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('trend-table')).toBeVisible();
  await expect(note).toBeVisible();
  await expect(note).toContainText('受付日の年度で数えています');
  await expect(hover).toBeHidden();
  await page.emulateMedia({ media: 'screen' });
});

test('the register pages always print with the 部外秘 mark, and offer no choice', async ({ page }) => {
  await login(page);
  const mark = page.locator('.print-confidential-mark');
  const pages = [];
  await page.goto('/issues');
  pages.push('/issues');
  // The pharmacists' register holds the demo issues.
  const register = await page.getByTestId('registers').getByRole('link', { name: '薬剤師', exact: true }).getAttribute('href');
  pages.push(register, `${register}/matrix`);
  await page.goto(register);
  pages.push(await page.getByTestId('register').locator('a[href^="/issues/"]').first().getAttribute('href'));
  for (const url of pages) {
    await page.emulateMedia({ media: 'screen' });
    await page.goto(url);
    await expect(page.getByRole('note').filter({ hasText: '部外秘' }), url).toBeVisible();
    await expect(mark, url).toBeHidden();
    await expect(page.getByLabel(CHOICE), url).toHaveCount(0);
    await page.emulateMedia({ media: 'print' });
    await expect(mark, url).toBeVisible();
    await expect(mark, url).toHaveText('部外秘');
    await expect(page.getByRole('note').filter({ hasText: '部外秘' }), url).toBeVisible();
  }
  await page.emulateMedia({ media: 'screen' });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the meeting page prints its confidential issues only when asked', async ({ page }) => {
    await login(page);
    await logMeeting(page, '印刷確認の打ち合わせ会（JavaScriptなし）', false);
    await expect(page.locator('html')).not.toHaveAttribute('data-hydrated', 'true');
    await expectPrintChoice(page, page.getByTestId('meeting-issues'), page.getByTestId('meeting-facts'));
  });
});
