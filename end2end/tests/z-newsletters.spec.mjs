// 地域連携だより: the next issue drafted from what was logged since the last one, an article
// added and corrected, the issue printed in two columns without its forms, and on a phone.
import { test, expect } from '@playwright/test';

import { login, waitForHydration } from './helpers.mjs';

const n = Date.now() % 100000;
const HEADING = `E2Eだより 編集後記${n}`;

test('a newsletter is drafted, an article added and corrected, and printed', async ({ page }) => {
  await login(page);
  await page.goto('/newsletters');
  await waitForHydration(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('地域連携だより');
  await page.getByTestId('draft-newsletter').getByRole('button', { name: '次の号の下書きを作る' }).click();
  await expect(page).toHaveURL(/\/newsletters\/\d+\?drafted=1/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/地域連携だより 第\d+号/);
  await expect(page.getByRole('status')).toContainText('下書きを作りました');
  await waitForHydration(page);

  const add = page.getByTestId('new-article-form');
  await add.getByLabel('見出し').fill(HEADING);
  await add.getByLabel('本文').fill('寒くなりました。\n来年もよろしくお願いします。');
  await add.getByRole('button', { name: '加える' }).click();
  await expect(page).toHaveURL(/\?article=1/);
  const article = page.locator('article').filter({ hasText: HEADING });
  await expect(article).toContainText('来年もよろしくお願いします。');

  await article.getByRole('link', { name: '編集', exact: true }).click();
  await waitForHydration(page);
  const edit = page.getByTestId('article-form');
  await edit.getByLabel('本文').fill('寒くなりました。体調にお気をつけください。');
  await edit.getByRole('button', { name: '保存する' }).click();
  await expect(page).toHaveURL(/\?article=1/);
  await expect(page.locator('article').filter({ hasText: HEADING })).toContainText('体調にお気をつけください。');

  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('article').filter({ hasText: HEADING })).toBeVisible();
  await expect(page.getByTestId('new-article-form')).toBeHidden();
  await expect(page.getByTestId('recipients')).toBeHidden();
  await expect(page.getByTestId('articles')).toHaveCSS('column-count', '2');
  await page.emulateMedia({ media: 'screen' });

  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);
});
