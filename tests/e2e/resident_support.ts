import type { Page } from 'playwright-core';

// Helpers for the resident scenarios: sign in as a person would, and talk to the API as staff would.

// Signing in and calling the API are the same for every scenario: one copy, in admin_support.
export { apiAs, confirmModal, signIn, tokenOf } from './admin_support';

/** Scrolls the current page's own scroller so `locator` is in view, then lets it settle. */
export async function showOnScreen(page: Page, selector: string): Promise<void> {
  await page.locator(selector).first().scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);
}
