import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { ROOT, startApiProcess, type ApiProcess } from '../support/api-process';
import { idNumber } from '../api/imports_support';
import { openPhone, settled, type Phone } from '../support/browser-page';
import { TAB_BAR, calm, confirmModal, signIn } from './admin_support';

// Party work from the admin tab (陈静 holds the 党务 duty): branches with the over-50 warning, the
// masked roster, an audited "show full", a category override with a reason, 双报告, and an import.
const SHOTS = path.join(ROOT, 'tests', '.artifacts', 'screenshots', 'party_admin');
let api: ApiProcess;
let phone: Phone;

beforeAll(async () => {
  api = await startApiProcess('e2e_party_admin');
  phone = await openPhone('party_admin');
});
afterAll(async () => {
  await phone?.close();
  await api?.stop();
});

async function residentsXlsx(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('居民');
  sheet.addRow(['姓名', '身份证号', '手机号', '社区', '小区', '楼栋']);
  sheet.addRow(['黄小明', idNumber('19850315', 17), '13500001111', '南门社区', '南门小区', '1号楼']);
  sheet.addRow(['陆大伟', idNumber('19850315', 18), '13500001112', '南门社区', '', '']);
  sheet.addRow(['林芳', idNumber('19900101', 28), '1350000', '北街社区', '', '']);
  for (let i = 0; i < 40; i++) sheet.addRow([`居民${i}`, '', '', '南门社区', '', '']);
  return Buffer.from(await book.xlsx.writeBuffer());
}

test('staff see branches, a masked member, show the full data on purpose, and re-categorise with a reason', async () => {
  const { page, shot } = phone;
  await signIn(page, api.base, '陈静');
  await page.locator(TAB_BAR).getByText('管理').click();
  await page.locator('.admin-task--party').click();
  const branch = page.locator('.party-branch', { hasText: '南门社区党支部' });
  await branch.waitFor();
  await settled(branch);
  await page.getByText('个支部党员超过 50 人').waitFor();
  await shot('01-branches');

  await branch.click();
  const row = page.locator('.party-member-row').first();
  await row.waitFor();
  await settled(row);
  await page.getByText('共 105 人').waitFor();
  await shot('02-members');

  await row.click();
  await page.locator('.party-reveal').waitFor();
  await settled(page.locator('.party-member'));
  await shot('03-member-masked');
  await page.locator('.party-reveal').click();
  await confirmModal(page, '查看');
  await page.locator('.party-reveal').waitFor({ state: 'detached' });
  await calm(page);
  expect(await page.locator('.admin-info', { hasText: '身份证号' }).innerText()).toMatch(/510123\d{11}[\dX]/);
  await shot('04-member-full');

  await page.locator('.admin-card', { hasText: '党员类别' }).getByText('调整').click();
  await page.locator('.admin-sheet .admin-chip', { hasText: 'D类' }).click();
  await page.locator('.admin-sheet textarea').fill('长期在外地照顾病人，无法参加活动');
  await shot('05-override-form');
  await page.locator('.party-member__save').click();
  await page.locator('.party-event', { hasText: '长期在外地照顾病人' }).waitFor();
  await calm(page);
  await shot('06-overridden');
});

test('双报到 · 双报告: registrations with evaluations, one export per unit', async () => {
  const { page, shot } = phone;
  await page.goto(`${api.base}/#/pages/admin/index`);
  await page.locator('.admin-task--party-reports').click();
  const unit = page.locator('.party-unit', { hasText: '县人民医院' });
  await unit.waitFor();
  await settled(page.locator('.party-reports'));
  await shot('07-reports');
  await page.locator('.party-registration', { hasText: '宋佳怡' }).click();
  await page.locator('.admin-sheet .admin-chip', { hasText: '优秀' }).click();
  await page.locator('.admin-sheet textarea').fill('全年参加环境整治 12 次');
  await shot('08-evaluate');
  await page.locator('.party-reports__save').click();
  await page.locator('.party-registration', { hasText: '宋佳怡' }).getByText('优秀').waitFor();
  await calm(page);
});

test('名册导入: a dry run lists the problems row by row, then the commit shows its progress', async () => {
  const { page, shot } = phone;
  await page.goto(`${api.base}/#/pages/admin/index`);
  await page.locator('.admin-task--import').click();
  await page.getByText('2. 上传并预检').waitFor();
  await shot('09-import');
  const chooser = page.waitForEvent('filechooser');
  await page.getByText('选择文件').click();
  await (
    await chooser
  ).setFiles({
    name: '南门居民.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await residentsXlsx(),
  });
  await page.locator('.party-summary').waitFor();
  await page.getByText('请输入 11 位手机号').waitFor();
  await shot('10-dry-run');
  await page.locator('.admin-import__commit').click();
  await confirmModal(page, '导入');
  await page.getByText('导入完成：新增 2 条').waitFor();
  await calm(page);
  await shot('11-done');
});

test('a party member registers at home (双报到) from 我的', async () => {
  const member = await phone.browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2 });
  const page = await member.newPage();
  await signIn(page, api.base, '刘建国');
  await page.locator(TAB_BAR).getByText('我的').click();
  await page.locator('.mine-entries__item--registration').click();
  await page.locator('.party-reg__option', { hasText: '文明交通引导岗' }).click();
  await page.locator('.party-reg__picker').click();
  await page.getByText('确定').filter({ visible: true }).click();
  await page.locator('.party-reg__picker', { hasText: '县人民医院' }).waitFor();
  await page.waitForTimeout(400); // the picker slides away
  await page.screenshot({ path: path.join(SHOTS, '12-register-form.png') });
  await page.locator('.party-reg__submit').click();
  await page.locator('.party-reg__done').waitFor();
  await settled(page.locator('.party-reg__done'));
  await page.screenshot({ path: path.join(SHOTS, '13-registered.png') });
  await member.close();
});
