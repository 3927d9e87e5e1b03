import * as fs from 'node:fs';
import ExcelJS from 'exceljs';
import { startApiProcess, type ApiProcess } from '../support/api-process';
import { openPhone, settled, type Phone } from '../support/browser-page';
import { seedId } from '../../cloud/src/core/stable-id';
import { TAB_BAR, apiAs, arrive, secondPhone, seen, shotOf, signIn, tokenOf } from './admin_support';

// Issue 15 item 7: 南门's staff 陈静 accepts 张秀兰's order (a read of her phone). The county admin
// 冯刚 finds it in 管理 › 审计日志, narrows it to 陈静 and exports it; 张秀兰 sees in 我的 › 隐私与数据
// that 南门社区's 社区工作者 陈* read her phone; 李大海, whom nobody read, sees the empty state.
let api: ApiProcess;
let phone: Phone;
const SCENARIO = 'audit_log';

beforeAll(async () => {
  api = await startApiProcess('e2e_audit_log');
  phone = await openPhone(SCENARIO);
  const resident = await tokenOf(api.base, 'resident');
  const staff = await tokenOf(api.base, 'staff');
  const need = await apiAs(api.base, resident, 'POST', '/api/v1/needs', {
    menuItemId: String(seedId('menu:legal-consult')),
    description: '邻居装修把我家墙面弄裂了，想咨询怎么索赔',
    placeId: String(seedId('org:building:nanmen:南门小区:1')),
    contactPhone: '13812340001',
    answers: { topic: 'housing', way: 'visit' },
  });
  expect(need.status).toBe(200);
  expect((await apiAs(api.base, staff, 'POST', `/api/v1/needs/${need.body.id}/accept`, {})).status).toBe(200);
});
afterAll(async () => {
  await phone?.close();
  await api?.stop();
});

test('the county admin searches and exports the audit log; residents see who read their data', async () => {
  const { page, shot } = phone;
  await signIn(page, api.base, '冯刚');
  await page.locator(TAB_BAR).getByText('管理').click();
  await page.locator('.admin-task--audit').click();
  await arrive(page, '.audit-log');
  const row = seen(page, '.audit-row', '陈静');
  await row.waitFor();
  await expectText(row, '陈静 · 社区工作者 · 南门社区');
  await expectText(row, '查看了 张*兰（居民）');
  await expectText(row, '办理需求');
  await shot('01-audit-list');

  // Only 陈静's reads: the county admin's own searches (also logged) drop out of the list.
  await page.locator('.audit-actor input').fill('陈静');
  await page.locator('.audit-search').click();
  await page.waitForFunction(() => {
    const rows = [...document.querySelectorAll('.audit-row__actor')];
    return rows.length > 0 && rows.every((r) => r.textContent?.startsWith('陈静'));
  });
  await page.locator('.audit-note', { hasText: '共 ' }).waitFor();
  await shot('02-audit-filtered');

  const download = page.waitForEvent('download');
  await page.locator('.dash-export').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^审计日志_\d{4}-\d{2}-\d{2}至\d{4}-\d{2}-\d{2}\.xlsx$/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(fs.readFileSync((await file.path())!) as unknown as ArrayBuffer);
  const sheet = book.getWorksheet('审计日志')!;
  const rows = Array.from({ length: sheet.rowCount - 1 }, (_, i) => (sheet.getRow(i + 2).values as unknown[]).slice(1));
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.every((r) => r[1] === '陈静')).toBe(true);
  expect(rows[0].slice(1, 8)).toEqual(['陈静', '社区工作者', '南门社区', '张*兰', '居民', '手机号', '办理需求']);

  // 张秀兰 on her own phone: 我的 › 隐私与数据.
  const resident = await secondPhone(phone.browser);
  try {
    const p = resident.page;
    await signIn(p, api.base, '张秀兰');
    await p.locator(TAB_BAR).getByText('我的').click();
    await p.locator('.mine-entries__item--privacy').click();
    const reader = seen(p, '.privacy-reader', '陈*');
    await reader.waitFor();
    await settled(p.locator('.privacy-page'));
    await expectText(reader, '南门社区 · 社区工作者 · 陈*');
    await expectText(reader, '查看了手机号 · 事由：办理需求');
    await shotOf(p, SCENARIO, '03-privacy-readers');
  } finally {
    await resident.close();
  }

  const nobody = await secondPhone(phone.browser);
  try {
    const p = nobody.page;
    await signIn(p, api.base, '李大海');
    await p.locator(TAB_BAR).getByText('我的').click();
    await p.locator('.mine-entries__item--privacy').click();
    await seen(p, '.privacy-readers__empty', '还没有工作人员查看过您的信息').waitFor();
    await settled(p.locator('.privacy-page'));
    await shotOf(p, SCENARIO, '04-privacy-nobody');
  } finally {
    await nobody.close();
  }
});

async function expectText(locator: ReturnType<typeof seen>, text: string) {
  await locator.getByText(text, { exact: false }).first().waitFor();
}
