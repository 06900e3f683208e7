import { test, expect } from '@playwright/test';
import { login, waitForHydration } from './helpers.mjs';

// A café in 鵜住居 goes from the centre's list to the public page and the booklet.
test('a coordinator enters a café, screens it and records consent; it appears on the public list, its page and the booklet', async ({ page, browser }) => {
  const name = `うのすまいカフェ${Date.now() % 100000}`;
  await login(page);
  await page.goto('/resources/new');
  await waitForHydration(page);
  await page.getByLabel('名称').fill(name);
  await page.getByLabel('ふりがな').fill('うのすまいかふぇ');
  await page.getByLabel('分類').selectOption({ label: '地域の参加資源 › つながるカフェ' });
  await page.getByLabel('地区').selectOption({ label: '鵜住居' });
  await page.getByLabel('定期の日程').selectOption({ label: '毎月第2水曜日' });
  await page.getByLabel('日時（自由記述）').fill('13:30〜15:00');
  await page.getByLabel('会場', { exact: true }).fill('鵜住居地区生活応援センター');
  await page.getByLabel('問い合わせ先（公開）').fill('0193-28-0000');
  await page.getByLabel('専門職向けの連絡先（非公開）').fill('代表 090-0000-1111');
  await page.getByRole('button', { name: '保存する' }).click();
  await expect(page.getByTestId('resource-facts')).toContainText('毎月第2水曜日 13:30〜15:00');
  await expect(page.getByTestId('public-state')).toContainText('公開されていません');
  const url = page.url();
  const id = url.match(/\/resources\/(\d+)/)[1];

  // Not public yet: a stranger gets "not found".
  const stranger = await browser.newContext();
  const anon = await stranger.newPage();
  expect((await anon.goto(`/public/resources/${id}`)).status()).toBe(404);

  // Screening: 非掲載 without a reason is refused next to the field, then 掲載可.
  await page.getByTestId('screening-form').getByLabel('精査').selectOption({ label: '非掲載' });
  await page.getByTestId('screening-form').getByRole('button', { name: '精査結果を記録' }).click();
  await expect(page.getByTestId('screening-form')).toContainText('非掲載の理由を入力してください。');
  await page.getByTestId('screening-form').getByLabel('精査').selectOption({ label: '掲載可' });
  await page.getByTestId('screening-form').getByRole('button', { name: '精査結果を記録' }).click();
  await expect(page.locator('h1 .badge').first()).toHaveText('掲載可');
  await page.getByTestId('consent-form').getByLabel('公開の同意').selectOption({ label: '一般公開に同意' });
  await page.getByTestId('consent-form').getByLabel('同意した人').fill('代表 鵜住居');
  await page.getByTestId('consent-form').getByRole('button', { name: '同意を記録' }).click();
  await expect(page.getByTestId('public-state')).toContainText('公開ページに掲載されています');

  // The public list (search by katakana), its page without the staff contact, the booklet.
  await anon.goto('/public/resources?q=' + encodeURIComponent('ウノスマイ'));
  await expect(anon.getByTestId('public-resources')).toContainText(name);
  await anon.getByRole('link', { name, exact: true }).click();
  await expect(anon.getByTestId('public-resource')).toContainText('0193-28-0000');
  await expect(anon.locator('body')).not.toContainText('090-0000-1111');
  await anon.goto('/public/resources/booklet');
  await expect(anon.getByTestId('booklet-district').filter({ has: anon.getByRole('heading', { name: '鵜住居', exact: true }) })).toContainText(name);
  await stranger.close();
});

test('the public list works without JavaScript and on a phone', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto('/public/resources');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('地域の資源');
  await page.getByLabel('地区').selectOption({ label: '鵜住居' });
  await page.getByRole('button', { name: '探す' }).click();
  await expect(page).toHaveURL(/district=\d+/);
  await context.close();
  // On a phone with JavaScript: nothing wider than the screen.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const p2 = await phone.newPage();
  await p2.goto('/public/resources');
  const overflow = await p2.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);
  await phone.close();
});

// The path: a centre's collector enters a café in 鵜住居, a coordinator screens it
// and records consent, and a resident finds it on the list, the map (markers without tiles)
// and in the booklet — with JavaScript and without.
test('a collector enters a café; once screened and consented it is on the map and in the booklet', async ({ page, browser }) => {
  const n = Date.now() % 100000;
  const name = `片岸お茶っこ${n}`;
  const collector = { login: `unosumai${n}`, password: 'collector-e2e-password', name: '鵜住居センター 集める' };
  await login(page);
  await page.goto('/admin/users');
  await page.getByLabel('ログイン名').fill(collector.login);
  await page.getByLabel('表示名').fill(collector.name);
  await page.getByLabel('役割').selectOption({ label: '資源登録者' });
  await page.getByLabel('初期パスワード').fill(collector.password);
  await page.getByRole('button', { name: '追加する' }).click();
  await expect(page.locator('#f-district')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('担当地区（資源登録者のみ）').selectOption({ label: '鵜住居' });
  await page.getByLabel('初期パスワード').fill(collector.password);
  await page.getByRole('button', { name: '追加する' }).click();
  await expect(page).toHaveURL(/\/admin\/users\/\d+/);

  // The collector: their home is the resource list, their menu has nothing else.
  const centre = await browser.newContext();
  const c = await centre.newPage();
  await login(c, collector);
  await expect(c).toHaveURL(/\/resources$/);
  await expect(c.locator('.site-nav a, nav a').filter({ hasText: '会議' })).toHaveCount(0);
  await c.goto('/resources/new');
  await waitForHydration(c);
  await c.getByLabel('名称').fill(name);
  await c.getByLabel('分類').selectOption({ label: '地域の参加資源 › つながるカフェ' });
  await expect(c.getByLabel('地区')).toHaveValue(/\d+/);
  await c.getByLabel('住所').fill('釜石市鵜住居町片岸');
  // A click on the map sets the coordinates (the map works without tiles).
  await c.getByTestId('coordinate-picker').click();
  await expect(c.getByLabel('緯度')).toHaveValue(/^3\d\.\d+/);
  await expect(c.getByLabel('経度')).toHaveValue(/^14\d\.\d+/);
  await c.getByRole('button', { name: '保存する' }).click();
  await expect(c.locator('h1 .badge').first()).toHaveText('収集');
  await expect(c.getByTestId('screening-form')).toHaveCount(0);
  await centre.close();

  // The coordinator finds it in the queue, screens it and records consent.
  await page.goto('/resources?screening=waiting');
  await page.getByRole('link', { name, exact: true }).click();
  await page.getByTestId('screening-form').getByLabel('精査').selectOption({ label: '掲載可' });
  await page.getByTestId('screening-form').getByRole('button', { name: '精査結果を記録' }).click();
  await page.getByTestId('consent-form').getByLabel('公開の同意').selectOption({ label: '一般公開に同意' });
  await page.getByTestId('consent-form').getByLabel('同意した人').fill('代表 片岸');
  await page.getByTestId('consent-form').getByRole('button', { name: '同意を記録' }).click();
  await expect(page.getByTestId('public-state')).toContainText('公開ページに掲載されています');

  // A resident: the map has a marker for it although no tile loads; the list and booklet name it.
  const resident = await browser.newContext();
  const r = await resident.newPage();
  await r.goto('/public/resources/map');
  await waitForHydration(r);
  await expect(r.getByTestId('resource-map')).toBeVisible();
  await expect(r.locator('[data-testid=resource-map] path.leaflet-interactive').first()).toBeVisible();
  await expect(r.getByTestId('map-list')).toContainText(name);
  await expect(r.getByTestId('map-list')).toContainText('釜石市鵜住居町片岸');
  await r.goto('/public/resources/booklet');
  await expect(r.getByTestId('booklet-district').filter({ has: r.getByRole('heading', { name: '鵜住居', exact: true }) })).toContainText(name);
  await resident.close();

  // Without JavaScript: no map, the list with its address.
  const plain = await browser.newContext({ javaScriptEnabled: false });
  const p = await plain.newPage();
  await p.goto('/public/resources/map');
  await expect(p.getByTestId('resource-map')).toBeHidden();
  await expect(p.getByTestId('map-list')).toContainText(name);
  await expect(p.getByTestId('map-list')).toContainText('釜石市鵜住居町片岸');
  await plain.close();
});

test('an administrator adds a category the form then offers; the address look-up fills in the coordinates, or says why not', async ({ page }) => {
  const category = `移動販売${Date.now() % 100000}`;
  await login(page);
  await page.goto('/admin/resource-lists');
  await page.getByLabel('大分類').selectOption({ label: '地域の参加資源' });
  await page.getByLabel('分類名').fill(category);
  await page.getByRole('button', { name: '追加する' }).first().click();
  await expect(page.getByRole('status')).toContainText('保存しました。');
  const row = page.getByTestId('category-list').getByRole('row').filter({ has: page.getByRole('textbox', { name: `名前: ${category}` }) });
  await expect(row).toContainText('使用中');
  // Keyboard and buttons only: up one place, then its neighbour is below it.
  await page.getByRole('button', { name: `「${category}」を上へ` }).click();
  await expect(page.getByRole('button', { name: `「${category}」を下へ` })).toBeEnabled();

  await page.goto('/resources/new');
  await waitForHydration(page);
  await page.getByLabel('分類').selectOption({ label: `地域の参加資源 › ${category}` });
  await page.getByTestId('geocode').click();
  await expect(page.getByTestId('geocode-status')).toHaveText('先に住所を入力してください。');
  await page.getByLabel('住所').fill('釜石市只越町3-9-13');
  const answer = [{ geometry: { coordinates: [141.8857, 39.2758], type: 'Point' }, type: 'Feature', properties: { title: '岩手県釜石市只越町三丁目' } }];
  await page.route('http://127.0.0.1:9/geocode**', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', headers: { 'access-control-allow-origin': '*' }, body: JSON.stringify(answer) }));
  await page.getByTestId('geocode').click();
  await expect(page.getByTestId('geocode-status')).toContainText('「岩手県釜石市只越町三丁目」の位置を入れました');
  await expect(page.getByLabel('緯度')).toHaveValue('39.275800');
  await expect(page.getByLabel('経度')).toHaveValue('141.885700');
  // Offline: a message, and the coordinates stay as they were.
  await page.unroute('http://127.0.0.1:9/geocode**');
  await page.getByLabel('住所').fill('釜石市どこか');
  await page.getByTestId('geocode').click();
  await expect(page.getByTestId('geocode-status')).toContainText('位置を調べられませんでした');
  await expect(page.getByLabel('緯度')).toHaveValue('39.275800');
});
