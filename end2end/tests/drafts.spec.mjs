// Form drafts: a changed form asks before it is left, keeps a draft in the browser and
// offers it again when the form is opened; a saved form leaves no draft behind.
import { test, expect } from '@playwright/test';
import { login, waitForHydration, watchErrors } from './helpers.mjs';

/** The drafts the browser holds. */
function drafts(page) {
  return page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('renkei.draft.')));
}

test('leaving a changed meeting form asks first, and its draft comes back, refused and saved', async ({ page }) => {
  const errors = watchErrors(page);
  // Every dialog the browser shows, answered as `answer` says.
  const dialogs = [];
  let answer = 'dismiss';
  page.on('dialog', async (d) => {
    dialogs.push(d.type());
    await (answer === 'accept' ? d.accept() : d.dismiss());
  });
  await login(page);
  await page.goto('/meetings/new');
  await waitForHydration(page);
  const form = page.getByTestId('meeting-form');
  const notice = page.getByTestId('draft-notice');
  const home = page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: 'ホーム' });
  const title = `下書き確認の打ち合わせ会 ${Date.now()}`;
  const minutes = '下書きの議事録。\n次回は10月。';
  // A click first: Chromium asks before leaving only a page the user has interacted with.
  await form.getByLabel('件名').click();
  await form.getByLabel('件名').fill(title);
  await form.getByLabel('議事録').fill(minutes);
  await form.getByLabel('連携の段階').selectOption({ label: '一次連携' });
  await form.getByLabel('歯科医師', { exact: true }).check();
  await expect(notice).toHaveCount(0);
  expect(await drafts(page)).toHaveLength(1);

  // The menu: the browser asks; staying keeps the form as typed.
  await home.click();
  await expect.poll(() => dialogs.length).toBe(1);
  expect(dialogs[0]).toBe('beforeunload');
  await expect(page).toHaveURL(/\/meetings\/new$/);
  await expect(form.getByLabel('件名')).toHaveValue(title);

  // Leaving: the draft stays in the browser.
  answer = 'accept';
  await form.getByLabel('議事録').click();
  await home.click();
  await expect(page).toHaveURL(/\/$/);
  await waitForHydration(page);

  // Back on the form: offered, and restored on request.
  await page.goto('/meetings/new');
  await waitForHydration(page);
  await expect(notice).toContainText('保存していない入力があります');
  await expect(notice).toContainText(/\d{4}\/\d{2}\/\d{2}（[日月火水木金土]） \d{2}:\d{2} に自動保存/);
  await expect(notice).toHaveAttribute('role', 'status');
  await expect(form.getByLabel('件名')).toHaveValue('');
  await notice.getByRole('button', { name: '復元する' }).click();
  await expect(notice).toHaveCount(0);
  await expect(form.getByLabel('件名')).toHaveValue(title);
  await expect(form.getByLabel('議事録')).toHaveValue(minutes);
  await expect(form.getByLabel('連携の段階')).toHaveValue('1');
  await expect(form.getByLabel('歯科医師', { exact: true })).toBeChecked();

  // A save the server refuses comes back refilled: sending did not ask, leaving it does.
  answer = 'dismiss';
  const asked = dialogs.length;
  await form.getByLabel('薬剤師', { exact: true }).check();
  await page.getByRole('button', { name: '保存する' }).click();
  await expect(page.locator('#f-level_reason-error')).toContainText('一次連携は相手の職種が1つ');
  await expect(form.getByLabel('件名')).toHaveValue(title);
  await waitForHydration(page);
  expect(dialogs.length).toBe(asked);
  await form.getByLabel('件名').click();
  await home.click();
  await expect.poll(() => dialogs.length).toBe(asked + 1);
  await expect(page).toHaveURL(/\/meetings\/new/);

  // Saved: no question, no draft left, and the next new form offers none.
  await form.getByLabel('薬剤師', { exact: true }).uncheck();
  await page.getByRole('button', { name: '保存する' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(title);
  expect(dialogs.length).toBe(asked + 1);
  expect(await drafts(page)).toEqual([]);
  await page.goto('/meetings/new');
  await waitForHydration(page);
  await expect(form.getByLabel('件名')).toHaveValue('');
  expect(await drafts(page)).toEqual([]);
  await expect(notice).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a draft is discarded on request, one older than 30 days is not offered, and confidential forms keep none', async ({ page }) => {
  const errors = watchErrors(page);
  await login(page);
  // An issue's text is confidential: the form warns before it is left but stores nothing.
  await page.goto('/issues/new');
  await waitForHydration(page);
  const issue = page.getByTestId('issue-form');
  await issue.locator('#f-title').fill('保存されない課題');
  await issue.getByLabel('内容・背景').fill('ブラウザに残してはならない内容');
  expect(await drafts(page)).toEqual([]);
  page.once('dialog', (d) => d.accept());
  await page.goto('/meetings/new');
  await waitForHydration(page);
  const form = page.getByTestId('meeting-form');
  await form.getByLabel('件名').fill('破棄する下書き');
  const [key] = await drafts(page);
  expect(key).toMatch(/^renkei\.draft\.\d+\.meeting-new$/);

  page.once('dialog', (d) => d.accept());
  await page.goto('/meetings/new');
  await waitForHydration(page);
  const notice = page.getByTestId('draft-notice');
  await notice.getByRole('button', { name: '破棄する' }).click();
  await expect(notice).toHaveCount(0);
  await expect(form.getByLabel('件名')).toHaveValue('');
  expect(await drafts(page)).toEqual([]);

  // A draft saved 31 days ago: removed unread.
  await page.evaluate((k) => {
    const saved_at = Date.now() - 31 * 24 * 3600 * 1000;
    localStorage.setItem(k, JSON.stringify({ saved_at, fields: [['title', '古い下書き']] }));
  }, key);
  await page.goto('/meetings/new');
  await waitForHydration(page);
  await expect.poll(() => drafts(page)).toEqual([]);
  await expect(notice).toHaveCount(0);
  expect(errors).toEqual([]);
});
