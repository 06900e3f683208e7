import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' });
const base = 'http://127.0.0.1:3200';
await page.goto(base + '/login');
await page.getByLabel('ログイン名').fill('admin');
await page.getByLabel('パスワード').fill('pw-admin-12345');
await page.getByRole('button', { name: 'ログイン' }).click();
await page.waitForTimeout(1000);
for (const [name, path] of [['overview', '/issues'], ['register', '/issues/register/3'], ['matrix', '/issues/register/3/matrix'], ['issue', '/issues/7'], ['routing', '/issues/routing'], ['new', '/issues/new?profession=3']]) {
  await page.goto(base + path);
  await page.waitForTimeout(800);
  await page.screenshot({ path: `/tmp/shot-${name}.png`, fullPage: true });
}
await page.goto(base + '/issues/register/3/matrix');
await page.emulateMedia({ media: 'print' });
await page.screenshot({ path: '/tmp/shot-matrix-print.png', fullPage: true });
await page.pdf({ path: '/tmp/matrix.pdf', format: 'A4', preferCSSPageSize: true });
await browser.close();
