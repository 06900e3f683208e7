// A meeting's handout is attached, downloaded as a file (never shown inline) and deleted after
// a confirmation; a page pretending to be a PDF, and a file far over the limit, are refused
// next to the field. Without JavaScript, as the form must work so, and the section fits a
// 390 px screen.
import { test, expect } from '@playwright/test';
import { login } from './helpers.mjs';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

test.describe('attachments without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a PDF is attached to a meeting, downloaded as a file and deleted; HTML named .pdf is refused', async ({ page }) => {
    await login(page);
    // A meeting of its own, through the import.
    const title = `添付の確認${Date.now() % 100000}`;
    await page.goto('/meetings/import');
    await page.getByLabel('Excel または CSV ファイル').setInputFiles({ name: 'm.csv', mimeType: 'text/csv', buffer: Buffer.from(`開催日,段階,件名\n2014/5/20,一次,${title}\n`) });
    await page.getByRole('button', { name: '確認画面へ' }).click();
    await page.getByTestId('import-confirm').click();
    await page.goto('/meetings?fy=2014');
    await page.getByRole('link', { name: title }).click();
    const meeting = new URL(page.url()).pathname;
    expect(meeting).toMatch(/^\/meetings\/\d+$/);
    await page.setViewportSize({ width: 390, height: 844 });
    const section = page.getByTestId('attachments');
    await expect(section.getByRole('heading', { name: '添付ファイル' })).toBeVisible();

    // Refused: the bytes are a web page, whatever the name says.
    await section.getByLabel('ファイルを添付').setInputFiles({ name: '偽物.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html><script>alert(1)</script></html>') });
    await section.getByRole('button', { name: '添付する' }).click();
    await expect(page.getByTestId('attachments').locator('.field-error')).toBeVisible();
    await expect(page.getByTestId('attachments-table')).toHaveCount(0);

    // Refused: far over 20 MB, and said next to the field rather than on a bare error page.
    await page.getByTestId('attachments').getByLabel('ファイルを添付').setInputFiles({ name: '大きな資料.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([PDF, Buffer.alloc(24 * 1024 * 1024, 0x20)]) });
    await page.getByTestId('attachments').getByRole('button', { name: '添付する' }).click();
    await expect(page.getByTestId('attachments').locator('.field-error')).toContainText('20MBまで');
    await expect(page.getByTestId('attachments-table')).toHaveCount(0);

    // Accepted: listed with its name and size.
    const name = `次第${Date.now() % 100000}.pdf`;
    await page.getByTestId('attachments').getByLabel('ファイルを添付').setInputFiles({ name, mimeType: 'application/pdf', buffer: PDF });
    await page.getByTestId('attachments').getByRole('button', { name: '添付する' }).click();
    const link = page.getByTestId('attachments-table').getByRole('link', { name, exact: true });
    await expect(link).toBeVisible();

    // The download is a file with its name, never sniffed or shown inline.
    const res = await page.request.get(await link.getAttribute('href'));
    expect(res.status()).toBe(200);
    expect(res.headers()['content-disposition']).toMatch(/^attachment;/);
    expect(res.headers()['content-disposition']).toContain("filename*=UTF-8''");
    expect(res.headers()['x-content-type-options']).toBe('nosniff');
    expect(res.headers()['content-type']).toBe('application/pdf');
    expect((await res.body()).equals(PDF)).toBe(true);

    // The section fits the phone's width.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // Deleted after a confirmation page.
    await page.getByRole('link', { name: `${name}: 削除` }).click();
    await expect(page.getByRole('heading', { name: '添付ファイルの削除' })).toBeVisible();
    await page.getByRole('button', { name: '削除する' }).click();
    await expect(page).toHaveURL(new RegExp(`${meeting}\\?attachment_deleted=1`));
    await expect(page.getByTestId('attachments').getByRole('link', { name, exact: true })).toHaveCount(0);
    expect((await page.request.get(await Promise.resolve(res.url()))).status()).toBe(404);
  });
});
