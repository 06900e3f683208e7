// Two-step sign-in, without JavaScript: a user turns it on from their account, keeps the
// recovery codes, and from then on signs in with the password and the code.
import { test, expect } from '@playwright/test';
import crypto from 'node:crypto';

import { ADMIN, addUser, login } from './helpers.mjs';

test.use({ javaScriptEnabled: false });

const USER = { login: 'totp-user', password: 'tidal-crane-4711', name: '二段 階子' };

function base32(secret) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secret.replace(/[\s=]/g, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** The RFC 6238 code (SHA-1, 6 digits, 30 s) of `secret` at `at` (ms). */
function totp(secret, at = Date.now()) {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const h = crypto.createHmac('sha1', base32(secret)).update(msg).digest();
  const o = h[h.length - 1] & 0xf;
  return String((h.readUInt32BE(o) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

test('a user turns on two-step sign-in and signs in with the code, without JavaScript', async ({ page }) => {
  await login(page, ADMIN);
  await addUser(page, USER, 'coordinator');
  await page.getByRole('button', { name: 'ログアウト' }).click();

  await login(page, USER);
  await page.goto('/account/two-factor');
  await expect(page.getByTestId('two-factor-status')).toContainText('無効');
  await page.getByRole('button', { name: '2段階認証を設定する' }).click();
  await expect(page.getByTestId('totp-qr').locator('svg')).toBeVisible();
  const secret = (await page.getByTestId('totp-secret').textContent()).trim();
  await page.getByLabel('確認コード').fill('000000');
  await page.getByRole('button', { name: '確認して有効にする' }).click();
  // The message is beside the field and in the summary at the top of the form.
  await expect(page.locator('#f-code-error')).toContainText('確認コードが正しくありません');
  await expect(page.locator('#form-errors')).toBeFocused();
  await page.getByLabel('確認コード').fill(totp(secret));
  await page.getByRole('button', { name: '確認して有効にする' }).click();
  await expect(page.getByTestId('recovery-codes').locator('li')).toHaveCount(10);
  await page.getByRole('button', { name: '保存しました' }).click();
  await page.goto('/account/two-factor');
  await expect(page.getByTestId('two-factor-status')).toContainText('有効');
  await page.getByRole('button', { name: 'ログアウト' }).click();

  // The password alone leads to the code, not into the app.
  await page.goto('/login');
  await page.getByLabel('ログイン名').fill(USER.login);
  await page.getByLabel('パスワード').fill(USER.password);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await expect(page).toHaveURL(/\/login\/code/);
  await expect(page.getByTestId('current-user')).toHaveCount(0);
  // The code of the next step: the one used to turn it on cannot be used again.
  await page.getByLabel('確認コード').fill(totp(secret, Date.now() + 30_000));
  await page.getByRole('button', { name: '確認', exact: true }).click();
  await expect(page.getByTestId('current-user')).toBeVisible();
});
