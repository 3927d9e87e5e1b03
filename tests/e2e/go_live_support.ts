import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import type { ApiProcess } from '../support/api-process';
import { settled } from '../support/browser-page';
import { calm, secondPhone, shotOf } from './admin_support';
import { storeSession, wxSignIn, type WxSession } from './account_support';

// Helpers of the go-live scenario: a production instance, its setup code, the county's tree as the
// Excel file a county office would fill in, and the phones of people who sign in with WeChat.

/** The one-time code and link the server printed at start-up. */
export async function printedSetup(api: ApiProcess): Promise<{ code: string; link: string }> {
  for (let i = 0; i < 100; i++) {
    const code = /开通码\s+(\S+)/.exec(api.output())?.[1];
    const link = /网页版\s+(\S+)/.exec(api.output())?.[1];
    if (code && link) return { code, link };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no setup code printed:\n${api.output()}`);
}

/** The org-tree fixture (2 streets, 13 communities) as an .xlsx, header row first. */
export async function orgTreeXlsx(): Promise<Buffer> {
  const csv = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'org-tree-2-streets.csv'), 'utf8');
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('组织架构');
  for (const line of csv.trim().split(/\r?\n/)) sheet.addRow(line.split(','));
  return Buffer.from(await book.xlsx.writeBuffer());
}

export interface Person {
  page: Page;
  session: WxSession;
  close: () => Promise<void>;
}

/** A phone of someone signed in with WeChat (first sign-in: a new 微信用户). */
export async function wechatPhone(browser: Browser, base: string, openid: string): Promise<Person> {
  const phone = await secondPhone(browser);
  const session = await wxSignIn(base, openid);
  await storeSession(phone.page.context(), session);
  await recordCspViolations(phone.page);
  return { page: phone.page, session, close: phone.close };
}

/** The invitee opens the link, reads what they are invited to, gives their name and accepts. */
export async function acceptInvitation(
  person: Person,
  link: string,
  expect: { post: string; name: string; scenario: string; step: string },
): Promise<void> {
  const { page } = person;
  await page.goto(link);
  await page.locator('.account-hero', { hasText: expect.post }).waitFor();
  await settled(page.locator('.account-hero'));
  await calm(page);
  await shotOf(page, expect.scenario, expect.step);
  await page.locator('.invite-name__field input').fill(expect.name);
  await page.locator('.invite-accept').click();
}

/** Keeps what the page's Content-Security-Policy blocked (read with `cspViolations`). */
async function recordCspViolations(page: Page): Promise<void> {
  await page.context().addInitScript(() => {
    const w = window as unknown as { cspViolations: string[] };
    w.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`),
    );
  });
}

/** What the CSP blocked on this page since it last loaded. */
export function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? ['not recorded']);
}
