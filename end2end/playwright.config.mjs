// Browser tests against the release build. Playwright drives Debian's Chromium: its own
// browser download cannot work on these machines.
import { defineConfig } from '@playwright/test';

const port = process.env.RENKEI_E2E_PORT || '3100';
const baseURL = `http://127.0.0.1:${port}`;
const dataDir = '../target/e2e-data';

export default defineConfig({
  testDir: './tests',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: {
    baseURL,
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium', headless: true } }],
  webServer: {
    // A fresh SQLite database for every run.
    command: `rm -rf ${dataDir} && ../target/release/renkei --data-dir ${dataDir} --site-root ../target/site --listen 127.0.0.1:${port}`,
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
    // Tests never need the internet: map tiles and the address look-up go to a port where
    // nothing answers, so the maps must show their markers without tiles, and the look-up
    // must say it failed (a test answers it with page.route where it should succeed).
    env: { RENKEI_MAP_TILES: 'http://127.0.0.1:9/{z}/{x}/{y}.png', RENKEI_GEOCODER: 'http://127.0.0.1:9/geocode?q={q}' },
  },
});
