// Shared helpers for the browser tests.
import { expect } from '@playwright/test';

/** Collects uncaught page errors and console errors, so a broken wasm fails the test. */
export function watchErrors(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return errors;
}

/** Waits until the wasm bundle has hydrated the page (the app marks <html data-hydrated>). */
export async function waitForHydration(page) {
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
}
