// Time to interactive on an older municipal PC: Chromium with 4× CPU slowdown over
// 10 Mbps / 40 ms, cold (empty cache) and warm. "Interactive" is the moment the islands
// have hydrated (<html data-hydrated>). Run from end2end/ against a running release server:
//   RENKEI_URL=http://127.0.0.1:3200 RENKEI_LOGIN=admin RENKEI_PASSWORD=… node ../bench/interactive.mjs
import { chromium } from '@playwright/test';

const base = process.env.RENKEI_URL || 'http://127.0.0.1:3200';
const pages = ['/', '/meetings', '/report'];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const context = await browser.newContext({ locale: 'ja-JP' });
const page = await context.newPage();
await page.goto(`${base}/login`);
await page.fill('#f-login_name', process.env.RENKEI_LOGIN || 'admin');
await page.fill('#f-password', process.env.RENKEI_PASSWORD || '');
await page.click('button[type=submit]');
await page.waitForSelector('[data-testid="current-user"]');

const cdp = await context.newCDPSession(page);
await cdp.send('Network.enable');
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 40, downloadThroughput: 10e6 / 8, uploadThroughput: 10e6 / 8 });
let wasmBytes = 0;
cdp.on('Network.loadingFinished', (e) => { wasmBytes += e.encodedDataLength; });

const rows = [];
for (const path of pages) {
  for (const state of ['cold', 'warm']) {
    if (state === 'cold') await cdp.send('Network.clearBrowserCache');
    wasmBytes = 0;
    const start = Date.now();
    await page.goto(`${base}${path}`);
    await page.waitForSelector('html[data-hydrated="true"]', { timeout: 60_000 });
    const ms = Date.now() - start;
    rows.push(`| ${path} | ${state} | ${ms} ms | ${(wasmBytes / 1024).toFixed(0)} KB |`);
  }
}
console.log('| Page | Cache | Interactive | Transferred (all) |\n|---|---|---:|---:|\n' + rows.join('\n'));
await browser.close();
