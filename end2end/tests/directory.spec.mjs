import { test, expect } from '@playwright/test';
import { ADMIN, addUser, login, waitForHydration } from './helpers.mjs';

const VIEWER = { login: 'viewer', password: 'e2e-viewer-password', name: '閲覧 太郎' };

test('a failed login says so without saying which part was wrong', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('ログイン名').fill('nobody');
  await page.getByLabel('パスワード').fill('wrong-password');
  await page.getByRole('button', { name: 'ログイン' }).click();
  await expect(page.getByTestId('form-error')).toContainText('ログイン名またはパスワードが正しくありません');
});

test('create an organisation and a person with JavaScript', async ({ page }) => {
  await login(page);
  await page.goto('/directory/organisations/new');
  await waitForHydration(page);
  await page.getByLabel('名称').fill('みなと薬局');
  await page.getByLabel('ふりがな').fill('みなとやっきょく');
  await page.getByLabel('種別').selectOption({ label: '薬局' });
  await page.getByLabel('薬剤師', { exact: true }).check();
  await page.getByLabel('電話番号').fill('123');
  await page.getByRole('button', { name: '保存する' }).click();
  // Bad input: a message at the field, the rest kept.
  await expect(page.locator('#f-phone-error')).toContainText('10〜11桁');
  await expect(page.getByLabel('名称')).toHaveValue('みなと薬局');
  await page.getByLabel('電話番号').fill('0193-22-1234');
  await page.getByRole('button', { name: '保存する' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('みなと薬局');
  await expect(page.getByTestId('organisation-facts')).toContainText('0193-22-1234');

  await page.getByRole('link', { name: 'この機関に人を登録' }).click();
  await page.getByLabel('氏名').fill('港 一郎');
  await page.getByLabel('ふりがな').fill('みなと いちろう');
  await page.getByLabel('キーパーソン（連携の要となる人）').check();
  await page.getByRole('button', { name: '保存する' }).click();
  await expect(page.getByTestId('person-facts')).toContainText('みなと薬局');

  await page.goto('/directory/people?q=%E3%83%9F%E3%83%8A%E3%83%88');
  await expect(page.getByTestId('people-table')).toContainText('港 一郎');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('create an organisation and a person', async ({ page }) => {
    await login(page);
    await page.goto('/directory/organisations/new');
    await page.getByLabel('名称').fill('かもめ薬局');
    await page.getByLabel('種別').selectOption({ label: '薬局' });
    await page.getByLabel('メール').fill('info@kamome.example.jp');
    // The browser's own checks pass this, the server's do not.
    await page.getByLabel('電話番号').fill('0193-22');
    await page.getByRole('button', { name: '保存する' }).click();
    // The error comes back through the redirect: a message at the field, the rest kept.
    await expect(page.locator('#f-phone-error')).toContainText('10〜11桁');
    await expect(page.getByLabel('名称')).toHaveValue('かもめ薬局');
    await expect(page.getByLabel('メール')).toHaveValue('info@kamome.example.jp');
    await expect(page.getByLabel('種別')).toHaveValue('pharmacy');
    await page.getByLabel('電話番号').fill('0193-22-5678');
    await page.getByRole('button', { name: '保存する' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('かもめ薬局');

    await page.goto('/directory/people/new');
    await page.getByLabel('氏名').fill('鴎 花子');
    await page.getByLabel('所属').selectOption({ label: 'かもめ薬局' });
    await page.getByRole('button', { name: '保存する' }).click();
    await expect(page.getByTestId('person-facts')).toContainText('かもめ薬局');
  });
});

test('a viewer sees no edit controls and a forged request is refused', async ({ page, browser }) => {
  await login(page);
  await addUser(page, VIEWER, 'viewer');

  const context = await browser.newContext();
  const viewer = await context.newPage();
  await login(viewer, VIEWER);
  await viewer.goto('/directory/organisations');
  await waitForHydration(viewer);
  await expect(viewer.getByTestId('organisations-table')).toBeVisible();
  await expect(viewer.getByRole('link', { name: '機関・団体を登録' })).toHaveCount(0);
  await viewer.getByTestId('organisations-table').getByRole('link').first().click();
  await expect(viewer.getByTestId('organisation-facts')).toBeVisible();
  await expect(viewer.getByRole('link', { name: '編集' })).toHaveCount(0);

  const fields = { name: '偽の薬局', kana: '', kind: 'pharmacy', address: '', phone: '', email: '', website: '', notes: '' };
  const origin = new URL(viewer.url()).origin;
  const asViewer = await viewer.request.post('/api/organisations_save', {
    form: fields,
    headers: { Origin: origin, Accept: 'application/json' },
  });
  expect(asViewer.status()).toBe(403);
  const forged = await page.request.post('/api/organisations_save', {
    form: fields,
    headers: { Origin: 'http://evil.example', Accept: 'application/json' },
  });
  expect(forged.status()).toBe(403);
  await context.close();
});

test('logout ends the session', async ({ page }) => {
  await login(page);
  await page.getByRole('button', { name: 'ログアウト' }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto('/directory/people');
  await expect(page).toHaveURL(/\/login\?next=/);
});
