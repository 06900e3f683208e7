import { test, expect } from '@playwright/test';
import { login, waitForHydration, watchErrors } from './helpers.mjs';

/** Today in Japan as YYYY-MM-DD (the app's "today"). */
function todayJst() {
  return new Date(Date.now() + 9 * 3600 * 1000).toISOString().slice(0, 10);
}

test('a meeting logged for today is on the dashboard, its late follow-up too, and the annual report lists it', async ({ page }) => {
  const errors = watchErrors(page);
  await login(page);
  const today = todayJst();
  await page.goto('/meetings/new');
  await waitForHydration(page);
  await page.getByLabel('開催日').fill(today);
  await page.getByLabel('開始時刻').fill('10:00');
  await page.getByLabel('連携の段階').selectOption({ label: '一次連携' });
  await page.getByLabel('種類').selectOption({ label: '打ち合わせ会' });
  await page.getByLabel('件名').fill('ダッシュボード確認の打ち合わせ会');
  await page.getByLabel('歯科医師', { exact: true }).check();
  await page.getByRole('button', { name: '保存する' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('ダッシュボード確認の打ち合わせ会');
  const followUp = page.getByTestId('follow-up-form');
  await followUp.getByLabel('対応内容').fill('歯科医師会へ議事録を送る');
  await followUp.getByLabel('期限').fill('2020-01-10');
  await followUp.getByRole('button', { name: '追加する' }).click();
  await expect(page.getByTestId('follow-ups-table')).toContainText('歯科医師会へ議事録を送る');

  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: 'ホーム' }).click();
  const week = page.getByTestId('this-week');
  const item = week.getByRole('listitem').filter({ hasText: 'ダッシュボード確認の打ち合わせ会' });
  await expect(item).toContainText('今日');
  await expect(item).toContainText('一次連携');
  // Due years ago: folded away under its count, shown when opened.
  const folded = page.getByTestId('late-follow-ups-long-overdue');
  await expect(folded.getByText('歯科医師会へ議事録を送る')).toBeHidden();
  await folded.getByText('期限を30日以上過ぎたもの').click();
  await expect(folded.getByText('歯科医師会へ議事録を送る')).toBeVisible();
  await expect(page.getByTestId('open-issues')).toBeVisible();
  await item.getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('ダッシュボード確認の打ち合わせ会');

  await page.goto('/');
  await page.getByRole('link', { name: '事業報告', exact: true }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('事業報告');
  const first = page.getByTestId('section-first_level');
  await expect(first.getByRole('row').filter({ hasText: 'ダッシュボード確認の打ち合わせ会' })).toContainText('歯科医師');
  await expect(page.getByTestId('section-issues')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Excelでダウンロード' })).toHaveAttribute('href', /\/report\/export\.xlsx\?fy=\d{4}/);
  // Printed: no menu, no controls; each section on its own page.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'メインメニュー' })).toBeHidden();
  await expect(page.getByRole('button', { name: '印刷' })).toBeHidden();
  await expect(page.getByTestId('section-trainings')).toHaveCSS('break-before', 'page');
  expect(errors).toEqual([]);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the report changes year with its form', async ({ page }) => {
    await login(page);
    await page.goto('/report');
    await page.getByLabel('年度').selectOption({ value: '2024' });
    await page.getByRole('button', { name: '表示' }).click();
    await expect(page).toHaveURL(/\/report\?fy=2024/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('令和6年度 事業報告');
    await expect(page.getByTestId('section-meetings')).toBeVisible();
  });
});
