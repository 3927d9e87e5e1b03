import type { Page } from 'playwright-core';
import { settled } from '../support/browser-page';

// Helpers for the resident scenarios: sign in as a person would, and talk to the API as staff would.

/** Opens the app, taps the demo account with this name and waits for the home page. */
export async function signIn(page: Page, base: string, name: string): Promise<void> {
  await page.goto(`${base}/`);
  const card = page.locator('.demo-account', { hasText: name });
  await card.waitFor();
  await card.click();
  await page.locator('.home .menu-item').first().waitFor();
  await settled(page.locator('.home .menu-item').first());
}

/** A token for a demo account, straight from the API. */
export async function tokenOf(base: string, account: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/dev-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ account }),
  });
  if (!res.ok) throw new Error(`dev-login ${account}: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

/** Calls the API with a token; returns status and parsed body. */
export async function apiAs(
  base: string,
  token: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<{ status: number; body: any }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json().catch(() => null) };
}

/** Taps the confirm button of the open Taro modal (showModal on H5). */
export async function confirmModal(page: Page, text: string): Promise<void> {
  const button = page.locator('.taro-model__confirm', { hasText: text }).filter({ visible: true });
  await button.waitFor();
  await button.click();
}

/** Scrolls the current page's own scroller so `locator` is in view, then lets it settle. */
export async function showOnScreen(page: Page, selector: string): Promise<void> {
  await page.locator(selector).first().scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);
}
