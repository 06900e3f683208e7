import { chromium } from '@playwright/test';
const base = process.argv[2], out = process.argv[3], pages = process.argv.slice(4);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
for (const js of [true, false]) {
  const ctx = await browser.newContext({ javaScriptEnabled: js, viewport: { width: 1280, height: 900 }, locale: 'ja-JP' });
  const page = await ctx.newPage();
  await page.goto(base + '/login');
  await page.getByLabel('ログイン名').fill('admin');
  await page.getByLabel('パスワード').fill('testpassword1');
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.waitForLoadState('networkidle');
  for (const p of pages) {
    await page.goto(base + p);
    await page.waitForLoadState('networkidle');
    const name = `${out}/${js ? 'js' : 'nojs'}${p.replace(/[\/?=&]/g, '_')}.png`;
    await page.screenshot({ path: name, fullPage: true });
  }
  await ctx.close();
}
await browser.close();
