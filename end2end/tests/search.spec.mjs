import { test, expect } from '@playwright/test';
import { login } from './helpers.mjs';

/** A number that makes this run's records unique (the database is kept across specs). */
function runTag() {
  return `${Date.now() % 1_000_000}`;
}

/** Adds an organisation through the directory's form; returns its name. */
async function addOrganisation(page, tag) {
  const org = `けんさく薬局${tag}`;
  await page.goto('/directory/organisations/new');
  await page.getByLabel('名称').fill(org);
  await page.getByLabel('ふりがな').fill('けんさくやっきょく');
  await page.getByLabel('種別').selectOption({ label: '薬局' });
  await page.getByRole('button', { name: '保存する' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(org);
  return org;
}

/** Types into the header's search box and presses Enter. */
async function searchFromHeader(page, q) {
  const box = page.locator('header').getByRole('searchbox', { name: '検索' });
  await box.fill(q);
  await box.press('Enter');
  await expect(page).toHaveURL(/\/search\?q=/);
}

test('the header search box finds a record in katakana and shows the results grouped by kind', async ({ page }) => {
  await login(page);
  const tag = runTag();
  const org = await addOrganisation(page, tag);

  await page.goto('/');
  // Katakana finds the reading in hiragana; the number narrows to this run's organisation.
  await searchFromHeader(page, `ケンサクヤッキョク ${tag}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('検索');
  const group = page.locator('section.search-group[data-kind="organisation"]');
  await expect(group.getByRole('heading', { level: 2 })).toContainText('機関・団体');
  await expect(group.getByRole('heading', { level: 2 })).toContainText('1件');
  await group.getByRole('link', { name: org }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(org);

  // Nothing found: said so, the query kept in the page's box.
  await page.goto('/');
  await searchFromHeader(page, `どこにもない語${tag}`);
  await expect(page.getByText('見つかりませんでした')).toBeVisible();
  await expect(page.locator('main').getByRole('searchbox', { name: '検索' })).toHaveValue(`どこにもない語${tag}`);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the header search is a plain form', async ({ page }) => {
    await login(page);
    const tag = runTag();
    const org = await addOrganisation(page, tag);
    await searchFromHeader(page, `けんさく ${tag}`);
    await expect(page.locator('section.search-group[data-kind="organisation"]').getByRole('link', { name: org })).toBeVisible();
  });
});

test('on a 390 px screen the header search fits and the page is no wider than the screen', async ({ page }) => {
  await login(page);
  await page.setViewportSize({ width: 390, height: 844 });
  for (const path of ['/', '/search?q=%E8%96%AC%E5%B1%80']) {
    await page.goto(path);
    const box = page.locator('header').getByRole('searchbox', { name: '検索' });
    await expect(box).toBeVisible();
    const rect = await box.boundingBox();
    expect(rect.x + rect.width).toBeLessThanOrEqual(390);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
  }
});
