// The meeting form's organisations and attendees: checkbox lists grouped by organisation
// that work without JavaScript, and with it a type-ahead (name or reading, kana folded),
// the chosen as removable chips, and the chosen organisations' people first.
import { test, expect } from '@playwright/test';
import { login, waitForHydration, watchErrors } from './helpers.mjs';

/** A tag unique per test run, so that a retry makes its own records (names must be new). */
function runTag() {
  return `${Date.now() % 1_000_000}`;
}

/** Adds a pharmacy and two of its people through the directory's forms (with or without JavaScript). */
async function addPharmacyWithTwoPeople(page, tag) {
  const org = `しおかぜ薬局${tag}`;
  const ichiro = `潮風 一郎${tag}`;
  const hanako = `浜辺 花子${tag}`;
  await page.goto('/directory/organisations/new');
  await page.getByLabel('名称').fill(org);
  await page.getByLabel('ふりがな').fill('しおかぜやっきょく');
  await page.getByLabel('種別').selectOption({ label: '薬局' });
  await page.getByRole('button', { name: '保存する' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(org);
  for (const [name, kana] of [[ichiro, 'しおかぜ いちろう'], [hanako, 'はまべ はなこ']]) {
    await page.goto('/directory/people/new');
    await page.getByLabel('氏名').fill(name);
    await page.getByLabel('ふりがな').fill(kana);
    await page.getByLabel('所属').selectOption({ label: org });
    await page.getByRole('button', { name: '保存する' }).click();
    await expect(page.getByTestId('person-facts')).toContainText(org);
  }
  return { org, ichiro, hanako };
}

/** The parts of the meeting form every test here fills. */
async function fillMeeting(page, title) {
  await page.getByLabel('開催日').fill('2025-08-05');
  await page.getByLabel('連携の段階').selectOption({ label: '一次連携' });
  await page.getByLabel('種類').selectOption({ label: '打ち合わせ会' });
  await page.getByLabel('件名').fill(title);
  await page.getByLabel('薬剤師', { exact: true }).check();
}

/** The first group of people in the list, by its legend (the organisation's name). */
function firstGroup(page) {
  return page.getByTestId('people-box').locator('fieldset.picker-group').first().locator('legend');
}

test('the attendee picker narrows by name or reading, shows the chosen as chips and saves them', async ({ page }) => {
  const errors = watchErrors(page);
  await login(page);
  const tag = runTag();
  const { org, ichiro, hanako } = await addPharmacyWithTwoPeople(page, tag);
  const title = `出席者ピッカーの確認${tag}`;

  await page.goto('/meetings/new');
  await waitForHydration(page);
  await fillMeeting(page, title);
  const people = page.getByTestId('people-box');
  const picker = page.getByTestId('people-box-picker');
  const filter = picker.getByLabel('名前・ふりがなで絞り込み');

  // Typed in katakana, stored in hiragana: only that person is left.
  await filter.fill('ハマベ');
  await expect(people.getByLabel(hanako)).toBeVisible();
  await expect(people.getByLabel(ichiro)).toBeHidden();
  // Part of a name in kanji.
  await filter.fill('潮風');
  await expect(people.getByLabel(ichiro)).toBeVisible();
  await expect(people.getByLabel(hanako)).toBeHidden();
  await filter.fill('該当する人のいない名前');
  await expect(picker.getByText('一致するものはありません。')).toBeVisible();
  await filter.fill('');
  await expect(people.getByLabel(hanako)).toBeVisible();
  await expect(people.getByLabel(ichiro)).toBeVisible();

  // Ticked: a chip; its × unticks the box.
  await people.getByLabel(ichiro).check();
  const chips = picker.getByRole('list', { name: '選んだ出席者' });
  await expect(chips).toContainText(ichiro);
  await picker.getByRole('button', { name: `${ichiro}を外す` }).click();
  await expect(people.getByLabel(ichiro)).not.toBeChecked();
  await expect(picker.getByRole('button', { name: `${ichiro}を外す` })).toHaveCount(0);

  // Ticking the organisation brings its people to the top of the list.
  await page.getByTestId('organisations-box').getByLabel(org).check();
  await expect(page.getByTestId('organisations-box-picker').getByRole('list', { name: '選んだ機関・団体' })).toContainText(org);
  await expect(firstGroup(page)).toHaveText(org);

  await people.getByLabel(hanako).check();
  await expect(chips).toContainText(hanako);
  await page.getByRole('button', { name: '保存する' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(title);
  const facts = page.getByTestId('meeting-facts');
  await expect(facts).toContainText(hanako);
  await expect(facts).toContainText(org);
  await expect(facts).not.toContainText(ichiro);
  expect(errors).toEqual([]);
});

test('on a 390 px screen the form and its lists are no wider than the screen', async ({ page }) => {
  await login(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/meetings/new');
  await waitForHydration(page);
  await page.getByTestId('people-box').getByRole('checkbox').first().check();
  await expect(page.getByTestId('people-box-picker').getByRole('list', { name: '選んだ出席者' })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('organisations and attendees are ticked in lists grouped by organisation and kept when the form is refused', async ({ page }) => {
    await login(page);
    const tag = runTag();
    const { org, ichiro, hanako } = await addPharmacyWithTwoPeople(page, tag);
    const title = `出席者チェックボックスの確認${tag}`;

    await page.goto('/meetings/new');
    // No type-ahead without JavaScript: the lists themselves, in their scrolling boxes.
    await expect(page.getByTestId('people-box-picker')).toBeHidden();
    const group = page.getByTestId('people-box').getByRole('group', { name: org });
    await expect(group.getByLabel(ichiro)).toBeVisible();
    await expect(group.getByLabel(hanako)).toBeVisible();

    await fillMeeting(page, title);
    await page.getByTestId('organisations-box').getByLabel(org).check();
    await group.getByLabel(ichiro).check();
    await group.getByLabel(hanako).check();
    // Refused by the server (the end before the start): the boxes come back ticked.
    await page.getByLabel('開始時刻').fill('13:30');
    await page.getByLabel('終了時刻').fill('12:00');
    await page.getByRole('button', { name: '保存する' }).click();
    await expect(page.locator('#f-end_time-error')).toContainText('開始時刻より後');
    await expect(page.getByTestId('organisations-box').getByLabel(org)).toBeChecked();
    await expect(group.getByLabel(ichiro)).toBeChecked();
    await expect(group.getByLabel(hanako)).toBeChecked();
    // The ticked organisation's people come first.
    await expect(firstGroup(page)).toHaveText(org);

    await group.getByLabel(hanako).uncheck();
    await page.getByLabel('終了時刻').fill('15:00');
    await page.getByRole('button', { name: '保存する' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(title);
    const facts = page.getByTestId('meeting-facts');
    await expect(facts).toContainText(ichiro);
    await expect(facts).toContainText(org);
    await expect(facts).not.toContainText(hanako);
  });
});
