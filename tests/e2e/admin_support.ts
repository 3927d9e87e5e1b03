import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ROOT } from '../support/api-process';
import { settled } from '../support/browser-page';

// Helpers for the admin-tab scenarios: sign in as a person would, talk to the API as a script would.

/** The tab bar (custom: 管理 only for staff). It keeps Taro's own H5 class so older tests still find it. */
export const TAB_BAR = '.taro-tabbar__tabbar';

/**
 * Opens the app and taps the demo account with this name; waits for the home page: the menu, or
 * the 工作台 of departments and street officials.
 */
export async function signIn(page: Page, base: string, name: string): Promise<void> {
  await page.goto(`${base}/`);
  const card = page.locator('.demo-account', { hasText: name });
  await card.waitFor();
  await card.click();
  const home = page.locator('.home .menu-item, .workbench .workbench__mine').first();
  await home.waitFor();
  await settled(home);
}

export async function tokenOf(base: string, account: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/dev-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ account }),
  });
  if (!res.ok) throw new Error(`dev-login ${account}: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

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

/** Waits until no toast covers the page and any modal has finished fading in or out. */
export async function calm(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    [...document.querySelectorAll('.taro__toast, .taro__modal')].every((el) => {
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.opacity === '0') return true;
      return el.classList.contains('taro__modal') && style.opacity === '1';
    }),
  );
}

/** `HH:MM` of an instant in China time, as the pages show it. */
export function chinaClock(t: Date): string {
  const d = new Date(t.getTime() + 8 * 3_600_000);
  return `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}

/** A second phone in the same browser (another person), sized like openPhone's. */
export async function secondPhone(browser: Browser): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({
    viewport: { width: 375, height: 812 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
  });
  return { page: await context.newPage(), close: () => context.close() };
}

/** Saves a screenshot of any page under the scenario's folder (openPhone's `shot` covers its own page). */
export function shotOf(page: Page, scenario: string, step: string): Promise<Buffer> {
  return page.screenshot({ path: path.join(ROOT, 'tests', '.artifacts', 'screenshots', scenario, `${step}.png`) });
}

/** What the person sees: H5 keeps the pages below the current one in the document, hidden. */
export const seen = (page: Page, selector: string, text?: string) =>
  page
    .locator(selector, text ? { hasText: text } : {})
    .filter({ visible: true })
    .first();

/** Waits for a page (by an element of it) to stop sliding in. */
export async function arrive(page: Page, selector: string, text?: string): Promise<void> {
  const el = seen(page, selector, text);
  await el.waitFor();
  await settled(el);
}
