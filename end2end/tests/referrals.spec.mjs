// つながるパス (referral slips), the path: a pharmacist signs in, sends a slip with ◎ on
// 介護, the centre receives it, replies with two agencies and one resource, the pharmacist sees
// the reply; an overdue slip shows on the coordinator's dashboard; without JavaScript too.
// Partners must always use two-step sign-in: each sets it up at their first sign-in.
import { test, expect } from '@playwright/test';
import crypto from 'node:crypto';

import { login, waitForHydration } from './helpers.mjs';

// Unique per run, so that reruns against the same server do not collide.
const n = Date.now() % 100000;
const PHARMACY = `つながる薬局${n}`;
const CENTRE = `鵜住居地区生活応援センター${n}`;
const AGENCY_A = `かまいし訪問看護${n}`;
const AGENCY_B = `はまゆり介護サービス${n}`;
const RESOURCE = `つながるサロン${n}`;
const SUPPORT = '訪問して介護保険の新規申請を支援。来週、サロンに同行する予定。';

// `secret` and `lastStep` are filled in at the set-up of two-step sign-in.
const PHARMACIST = { login: `pharm${n}`, password: 'pharmacist-e2e-password', name: '薬局 薬子', secret: null, lastStep: 0 };
const CENTRE_STAFF = { login: `centre${n}`, password: 'centre-staff-e2e-password', name: '応援 包子', secret: null, lastStep: 0 };

// Shared by the tests below, in order.
let slipId;
let overdueId;
let secondSlipId;

/** A day in Japan (the app's "today") `days` ago, as YYYY-MM-DD. */
function daysAgoJst(days) {
  return new Date(Date.now() + 9 * 3600 * 1000 - days * 86_400_000).toISOString().slice(0, 10);
}

function base32(secret) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secret.replace(/[\s=]/g, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** The RFC 6238 code (SHA-1, 6 digits, 30 s) of `secret` for the 30-second `step`. */
function totpAt(secret, step) {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(step));
  const h = crypto.createHmac('sha1', base32(secret)).update(msg).digest();
  const o = h[h.length - 1] & 0xf;
  return String((h.readUInt32BE(o) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

/** A code the server takes: for a step later than the user's last one (a code is never taken
 *  twice) and at most one step ahead of now (the skew it allows), waiting when needed. */
async function freshCode(who) {
  const now = Math.floor(Date.now() / 30_000);
  const step = Math.max(now, who.lastStep + 1);
  if (step > now + 1) {
    // Until the step before it has begun: then it is one step ahead, which the server takes.
    await new Promise((resolve) => setTimeout(resolve, (step - 1) * 30_000 + 1_000 - Date.now()));
  }
  who.lastStep = step;
  return totpAt(who.secret, step);
}

/** A partner signs in: the first time, the password leads to the set-up of two-step sign-in
 *  (the key is typed by hand, the recovery codes are kept); afterwards, to the code. */
async function signIn(page, who) {
  await page.goto('/login');
  await page.getByLabel('ログイン名').fill(who.login);
  await page.getByLabel('パスワード').fill(who.password);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await expect(page).toHaveURL(/\/login\/code/);
  await expect(page.getByTestId('current-user')).toHaveCount(0);
  if (!who.secret) {
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('2段階認証の設定');
    const key = page.locator('p', { hasText: 'QRコードを読み取れないときは' }).locator('code');
    who.secret = (await key.textContent()).trim();
    await page.getByLabel('確認コード').fill(await freshCode(who));
    await page.getByRole('button', { name: '確認', exact: true }).click();
    // The new set-up shows its recovery codes once.
    await expect(page).toHaveURL(/\/account\/two-factor/);
    await expect(page.getByTestId('recovery-codes').locator('li')).toHaveCount(10);
    await page.getByRole('button', { name: '保存しました' }).click();
  } else {
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('確認コードの入力');
    await page.getByLabel('確認コード').fill(await freshCode(who));
    await page.getByRole('button', { name: '確認', exact: true }).click();
  }
  await expect(page.getByTestId('current-user')).toContainText(who.name);
}

async function addOrganisation(page, name, kind) {
  await page.goto('/directory/organisations/new');
  await waitForHydration(page);
  await page.getByLabel('名称').fill(name);
  await page.getByLabel('種別').selectOption({ label: kind });
  await page.getByRole('button', { name: '保存する' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(name);
}

async function addPartner(page, who, organisation) {
  await page.goto('/admin/users');
  await waitForHydration(page);
  await page.getByLabel('ログイン名').fill(who.login);
  await page.getByLabel('表示名').fill(who.name);
  await page.getByLabel('役割').selectOption('partner');
  await page.getByLabel('所属機関（連携先のみ）').selectOption({ label: organisation });
  await page.getByLabel('初期パスワード').fill(who.password);
  await page.getByRole('button', { name: '追加する' }).click();
  await expect(page).toHaveURL(/\/admin\/users\/\d+/);
}

test.describe.serial('つながるパス', () => {
  test('an administrator adds the organisations, a screened resource and two partner accounts', async ({ page }) => {
    test.setTimeout(120_000);
    await login(page);
    await addOrganisation(page, PHARMACY, '薬局');
    await addOrganisation(page, CENTRE, '生活応援センター');
    await addOrganisation(page, AGENCY_A, '訪問看護ステーション');
    await addOrganisation(page, AGENCY_B, '介護事業所');

    // A resource screened 掲載可 with consent: the reply form offers it.
    await page.goto('/resources/new');
    await waitForHydration(page);
    await page.getByLabel('名称').fill(RESOURCE);
    await page.getByLabel('分類').selectOption({ label: '地域の参加資源 › つながるカフェ' });
    await page.getByLabel('地区').selectOption({ label: '鵜住居' });
    await page.getByRole('button', { name: '保存する' }).click();
    await expect(page.getByTestId('resource-facts')).toBeVisible();
    await page.getByTestId('screening-form').getByLabel('精査').selectOption({ label: '掲載可' });
    await page.getByTestId('screening-form').getByRole('button', { name: '精査結果を記録' }).click();
    await expect(page.locator('h1 .badge').first()).toHaveText('掲載可');
    await page.getByTestId('consent-form').getByLabel('公開の同意').selectOption({ label: '一般公開に同意' });
    await page.getByTestId('consent-form').getByLabel('同意した人').fill('代表 サロン');
    await page.getByTestId('consent-form').getByRole('button', { name: '同意を記録' }).click();
    await expect(page.getByTestId('public-state')).toContainText('公開ページに掲載されています');

    await addPartner(page, PHARMACIST, PHARMACY);
    await addPartner(page, CENTRE_STAFF, CENTRE);
    await page.goto('/admin/users');
    await expect(page.getByTestId('users-table').getByRole('row').filter({ hasText: PHARMACIST.login })).toContainText(PHARMACY);
  });

  test('the pharmacist sets up two-step sign-in and sends slip 1 with ◎ on 介護', async ({ page }) => {
    test.setTimeout(120_000);
    await signIn(page, PHARMACIST);
    // A partner's home is the slip list; their menu has nothing else of the team's.
    await page.goto('/');
    await expect(page).toHaveURL(/\/referrals$/);
    await expect(page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '会議' })).toHaveCount(0);

    await page.goto('/referrals/new');
    await waitForHydration(page);
    const form = page.getByTestId('referral-form');
    await form.getByLabel('経路').selectOption({ label: '薬局起点' });
    // The pharmacist sends for their one organisation.
    await expect(form.getByLabel('送付元の機関')).toHaveValue(/\d+/);
    await form.getByLabel('送付先（地域包括支援センター・生活応援センター等）').selectOption({ label: CENTRE });
    await form.getByLabel('関係機関との情報共有の同意').selectOption('oral');
    await form.getByLabel('支援の状況を送付元へ報告することに同意している').check();
    await form.getByLabel('氏名').fill('釜石 花子');
    await form.getByLabel('ふりがな').fill('かまいし はなこ');
    await form.getByLabel('生年月日').fill('1941-05-03');
    const topics = form.getByRole('group', { name: '困っていること（あてはまるものすべて）', exact: true });
    await topics.getByLabel('介護', { exact: true }).check();
    await topics.getByLabel('住まい', { exact: true }).check();
    await form.getByLabel('◎ いちばん困っていること').selectOption('care');
    await form.getByLabel('気づいたこと・伝えたいこと').fill('薬の飲み忘れが増え、家の片付けもできていない様子。');
    await form.getByRole('button', { name: '連絡票を送る' }).click();

    await expect(page).toHaveURL(/\/referrals\/\d+\?sent=1/);
    slipId = Number(page.url().match(/\/referrals\/(\d+)/)[1]);
    await expect(page.getByText('連絡票を送りました。')).toBeVisible();
    const facts = page.getByTestId('referral-facts');
    await expect(facts).toContainText('◎介護、住まい');
    await expect(facts).toContainText(CENTRE);
    await expect(facts).toContainText('口頭で同意');
    await expect(page.getByTestId('referral-person')).toContainText('釜石 花子');
    // The sender neither receives nor replies.
    await expect(page.getByTestId('receive')).toHaveCount(0);
    await expect(page.getByTestId('reply-form')).toHaveCount(0);
  });

  test('the centre receives the slip and replies with two agencies and a resource; no sideways scroll on a phone', async ({ page }) => {
    test.setTimeout(120_000);
    await signIn(page, CENTRE_STAFF);
    await page.goto('/');
    await expect(page).toHaveURL(/\/referrals$/);
    await page.getByTestId('referrals').getByRole('link', { name: `No.${slipId}`, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/referrals/${slipId}$`));
    await expect(page.getByTestId('referral-person')).toContainText('釜石 花子');
    await page.getByTestId('receive').click();
    await expect(page).toHaveURL(new RegExp(`/referrals/${slipId}\\?received=1`));
    await expect(page.getByText('受付を記録しました。')).toBeVisible();
    await expect(page.getByTestId('referral-facts')).toContainText('受付日');
    await expect(page.getByTestId('receive')).toHaveCount(0);

    await waitForHydration(page);
    const form = page.getByTestId('reply-form');
    await form.getByLabel('記入者').fill(CENTRE_STAFF.name);
    await form.getByLabel('支援の状況').selectOption({ label: 'つながった' });
    const now = form.getByRole('group', { name: '■ 現在関わっている機関', exact: true });
    await now.getByLabel(AGENCY_A, { exact: true }).check();
    await now.getByLabel(AGENCY_B, { exact: true }).check();
    await form.getByLabel('つながり：支援開始時（箇所）').fill('1');
    await form.getByLabel('つながり：現在（箇所）').fill('3');
    await form.getByLabel('介護保険の申請').selectOption({ label: '新規申請' });
    await form.getByRole('group', { name: 'つながった地域の資源', exact: true }).getByLabel(RESOURCE, { exact: true }).check();
    await form.getByLabel('主な支援内容と今後の予定').fill(SUPPORT);
    await page.getByTestId('reply-submit').click();

    await expect(page).toHaveURL(new RegExp(`/referrals/${slipId}\\?replied=1`));
    await expect(page.getByText('返信を記録しました。')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('つながった');
    const reply = page.getByTestId('referral-reply');
    await expect(reply).toHaveCount(1);
    await expect(reply).toContainText(AGENCY_A);
    await expect(reply).toContainText(AGENCY_B);
    await expect(reply).toContainText('1 → 3');
    await expect(reply).toContainText('新規申請');
    await expect(reply).toContainText(RESOURCE);
    await expect(reply).toContainText(SUPPORT);

    // On a phone: the slip with its reply form is no wider than the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/referrals/${slipId}`);
    await waitForHydration(page);
    await expect(page.getByTestId('reply-form')).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
  });

  test('the pharmacist sees the reply (the person agreed to hear back)', async ({ page }) => {
    test.setTimeout(120_000);
    await signIn(page, PHARMACIST);
    await page.goto(`/referrals/${slipId}`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('つながった');
    const reply = page.getByTestId('referral-reply');
    await expect(reply).toContainText(AGENCY_A);
    await expect(reply).toContainText(AGENCY_B);
    await expect(reply).toContainText(RESOURCE);
    await expect(reply).toContainText(SUPPORT);
    await expect(page.getByTestId('reply-hidden')).toHaveCount(0);
    await expect(page.getByTestId('reply-form')).toHaveCount(0);

    // The print view: slips 1 and 2 on paper, without the screen's buttons.
    await page.getByTestId('print-view').click();
    await expect(page).toHaveURL(new RegExp(`/referrals/${slipId}/print$`));
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByTestId('referral-person')).toContainText('釜石 花子');
    await expect(page.getByTestId('referral-reply')).toContainText(SUPPORT);
    await expect(page.getByRole('button', { name: '印刷する' })).toBeHidden();
    await expect(page.getByRole('link', { name: '連絡票に戻る' })).toBeHidden();
  });

  test('a slip entered from a FAX a month ago, unanswered, is on the dashboard as overdue', async ({ page }) => {
    await login(page);
    await page.goto('/referrals/new');
    await waitForHydration(page);
    const form = page.getByTestId('referral-form');
    await form.getByLabel('経路').selectOption({ label: '薬局起点' });
    await form.getByLabel('送付日').fill(daysAgoJst(30));
    // The team may enter a slip of any sender.
    await form.getByLabel('送付元の機関').selectOption({ label: PHARMACY });
    await form.getByLabel('送付先（地域包括支援センター・生活応援センター等）').selectOption({ label: CENTRE });
    // Without consent: nothing personal, an anonymous record.
    await form.getByLabel('関係機関との情報共有の同意').selectOption('none');
    await form.getByRole('group', { name: '困っていること（あてはまるものすべて）', exact: true }).getByLabel('食べるものがない', { exact: true }).check();
    await form.getByRole('button', { name: '連絡票を送る' }).click();

    await expect(page).toHaveURL(/\/referrals\/\d+\?sent=1/);
    overdueId = Number(page.url().match(/\/referrals\/(\d+)/)[1]);
    await expect(page.getByTestId('anonymous')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('返信期限切れ');

    await page.goto('/');
    const late = page.getByTestId('late-referrals');
    await expect(late.getByRole('link', { name: `No.${overdueId} ${PHARMACY} → ${CENTRE}` })).toBeVisible();
    await late.getByRole('link', { name: `No.${overdueId} ${PHARMACY} → ${CENTRE}` }).click();
    await expect(page).toHaveURL(new RegExp(`/referrals/${overdueId}$`));

    // The list of overdue slips has it, and not the slip that was answered.
    await page.goto('/referrals?overdue=1');
    const table = page.getByTestId('referrals');
    await expect(table.getByRole('link', { name: `No.${overdueId}`, exact: true })).toBeVisible();
    await expect(table.getByRole('link', { name: `No.${slipId}`, exact: true })).toHaveCount(0);
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });

    test('the pharmacist sends another slip: a refused post comes back without the personal fields', async ({ page }) => {
      test.setTimeout(120_000);
      await signIn(page, PHARMACIST);
      await page.goto('/referrals/new');
      const form = page.getByTestId('referral-form');
      await form.getByLabel('経路').selectOption({ label: '薬局起点' });
      await form.getByLabel('送付先（地域包括支援センター・生活応援センター等）').selectOption({ label: CENTRE });
      await form.getByLabel('関係機関との情報共有の同意').selectOption('signed');
      await form.getByLabel('氏名').fill('釜石 次郎');
      // No topic: refused at the field, the choices kept, the person's name not.
      await form.getByRole('button', { name: '連絡票を送る' }).click();
      await expect(page.locator('#f-topics-error')).toContainText('相談の内容をひとつ以上選んでください。');
      await expect(form.getByLabel('関係機関との情報共有の同意')).toHaveValue('signed');
      await expect(form.getByLabel('氏名')).toHaveValue('');

      await form.getByLabel('氏名').fill('釜石 次郎');
      await form.getByRole('group', { name: '困っていること（あてはまるものすべて）', exact: true }).getByLabel('食べるものがない', { exact: true }).check();
      await form.getByLabel('◎ いちばん困っていること').selectOption('food');
      await form.getByRole('button', { name: '連絡票を送る' }).click();
      await expect(page).toHaveURL(/\/referrals\/\d+\?sent=1/);
      secondSlipId = Number(page.url().match(/\/referrals\/(\d+)/)[1]);
      await expect(page.getByText('連絡票を送りました。')).toBeVisible();
      await expect(page.getByTestId('referral-facts')).toContainText('◎食べるものがない');
      await expect(page.getByTestId('referral-person')).toContainText('釜石 次郎');
      await expect(page.locator('html')).not.toHaveAttribute('data-hydrated', 'true');
    });

    test('the centre receives it with one click, and closes the first slip with a second reply', async ({ page }) => {
      test.setTimeout(120_000);
      await signIn(page, CENTRE_STAFF);
      await page.goto(`/referrals/${secondSlipId}`);
      await page.getByTestId('receive').click();
      await expect(page).toHaveURL(new RegExp(`/referrals/${secondSlipId}\\?received=1`));
      await expect(page.getByText('受付を記録しました。')).toBeVisible();

      await page.goto(`/referrals/${slipId}`);
      const form = page.getByTestId('reply-form');
      await form.getByLabel('記入者').fill(CENTRE_STAFF.name);
      await form.getByLabel('支援の状況').selectOption({ label: '終了' });
      await form.getByRole('group', { name: '■ 現在関わっている機関', exact: true }).getByLabel(AGENCY_B, { exact: true }).check();
      await form.getByLabel('主な支援内容と今後の予定').fill('介護認定が下り、ケアマネジャーに引き継いだ。');
      await page.getByTestId('reply-submit').click();
      await expect(page).toHaveURL(new RegExp(`/referrals/${slipId}\\?replied=1`));
      await expect(page.getByText('返信を記録しました。')).toBeVisible();
      await expect(page.getByRole('heading', { level: 1 })).toContainText('終了');
      await expect(page.getByTestId('referral-reply')).toHaveCount(2);
      await expect(page.getByTestId('referral-reply').nth(1)).toContainText('ケアマネジャーに引き継いだ');
      // A closed slip takes no further reply.
      await expect(page.getByTestId('reply-form')).toHaveCount(0);
    });
  });
});
