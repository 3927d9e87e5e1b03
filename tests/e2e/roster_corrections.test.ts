import { startApiProcess, type ApiProcess } from '../support/api-process';
import { idNumber, xlsxOf } from '../api/imports_support';
import { openPhone, settled, type Phone } from '../support/browser-page';
import { TAB_BAR, apiAs, calm, confirmModal, signIn, tokenOf } from './admin_support';

// 名册维护 from the admin tab (陈静, 南门, holds the 党务 duty): a party member moved to the branch
// split off the over-large one, then a 两委 member marked 离任; each change shows in the row's
// history and in the dashboard's counts.
let api: ApiProcess;
let phone: Phone;

beforeAll(async () => {
  api = await startApiProcess('e2e_roster_corrections');
  phone = await openPhone('roster_corrections');
  // The second 南门 branch comes with its first member, as an import makes it.
  const token = await tokenOf(api.base, 'staff');
  const file = await xlsxOf('partyMembers', [
    {
      姓名: '柯新民',
      身份证号: idNumber('19800505', 41),
      社区: '南门社区',
      所在支部: '南门社区第二党支部',
      工作状态: '在职',
    },
  ]);
  const dry = await fetch(`${api.base}/api/v1/imports/partyMembers/dry-run`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    },
    body: file,
  }).then((r) => r.json());
  let job = (await apiAs(api.base, token, 'POST', '/api/v1/imports/partyMembers/commit', { fileId: dry.fileId })).body;
  while (job.status === 'running') job = (await apiAs(api.base, token, 'GET', `/api/v1/imports/jobs/${job.id}`)).body;
  expect(job.status).toBe('done');
});
afterAll(async () => {
  await phone?.close();
  await api?.stop();
});

/** Taps 确定 on the open picker and waits until it has slid away. */
async function pickFirst(page: Phone['page']) {
  await page.getByText('确定').filter({ visible: true }).click();
  await page.waitForFunction(() =>
    [...document.querySelectorAll('.weui-picker')].every((el) => {
      const box = el.getBoundingClientRect();
      return getComputedStyle(el).display === 'none' || box.top >= window.innerHeight;
    }),
  );
}

const branchCount = async (name: string) => {
  const token = await tokenOf(api.base, 'staff');
  const res = await apiAs(api.base, token, 'GET', '/api/v1/stats/overview');
  return res.body.branches.items.find((b: { name: string }) => b.name === name)?.members;
};

test('staff move a party member to the new branch: the sheet asks for a reason, the history shows it', async () => {
  const { page, shot } = phone;
  expect([await branchCount('南门社区党支部'), await branchCount('南门社区第二党支部')]).toEqual([105, 1]);
  await signIn(page, api.base, '陈静');
  await page.locator(TAB_BAR).getByText('管理').click();
  await page.locator('.admin-task--party').click();
  await page.locator('.party-branch', { hasText: '南门社区党支部' }).first().click();
  const row = page.locator('.party-member-row').first();
  await row.waitFor();
  await settled(row);
  await row.click();
  await page.locator('.roster-actions__move').waitFor();
  await page.getByText('还没有变更记录').waitFor();
  await settled(page.locator('.party-member'));
  await shot('01-member');

  await page.locator('.roster-actions__move').click();
  const sheet = page.locator('.roster-sheet--move');
  await sheet.locator('.roster-sheet__confirm').click();
  await sheet.getByText('请选择调入的支部').waitFor();
  await sheet.locator('.form-picker').click();
  await pickFirst(page);
  await sheet.locator('.form-picker', { hasText: '南门社区第二党支部' }).waitFor();
  await sheet.locator('textarea').fill('支部超过 50 人，拆分后调入第二支部');
  await shot('02-move-sheet');
  await sheet.locator('.roster-sheet__confirm').click();
  await page.locator('.admin-info', { hasText: '南门社区第二党支部' }).waitFor();
  await page.locator('.roster-event', { hasText: '所在支部：南门社区党支部 → 南门社区第二党支部' }).waitFor();
  await calm(page);
  await shot('03-moved');
  await page.locator('.roster-history').scrollIntoViewIfNeeded();
  await shot('04-moved-history');

  // The correction sheet starts from the member's values; empty boxes leave a value as it is.
  await page.locator('.roster-actions__correct').click();
  await page.locator('.roster-sheet--correct .admin-chip--on', { hasText: '在职' }).waitFor();
  await shot('04b-correct-sheet');
  await page.locator('.roster-sheet--correct .admin-sheet__close').click();
  expect([await branchCount('南门社区党支部'), await branchCount('南门社区第二党支部')]).toEqual([104, 2]);
});

test('staff mark a 两委 member 离任 after a confirmation; the row leaves the roster and the figures', async () => {
  const { page, shot } = phone;
  const token = await tokenOf(api.base, 'staff');
  const before = (await apiAs(api.base, token, 'GET', '/api/v1/stats/overview')).body.staff.total;
  await page.goto(`${api.base}/#/pages/admin/index`);
  await page.locator('.admin-task--roster').click();
  const row = page.locator('.staff-roster__row', { hasText: '赵国平' });
  await row.waitFor();
  await settled(row);
  await shot('05-roster');
  await row.click();
  await page.locator('.roster-actions__deactivate').waitFor();
  await settled(page.locator('.staff-member'));
  await shot('06-staff-member');

  await page.locator('.roster-actions__deactivate').click();
  const sheet = page.locator('.roster-sheet--deactivate');
  await sheet.locator('textarea').fill('2026 年换届离任');
  await shot('07-deactivate-sheet');
  await sheet.locator('.roster-sheet__confirm').click();
  await confirmModal(page, '离任');
  await page.getByText('已离任：不计入“两委”统计，记录保留。').waitFor();
  await page.locator('.roster-event', { hasText: '状态：在任 → 离任' }).waitFor();
  await calm(page);
  await page.locator('.roster-history').scrollIntoViewIfNeeded();
  await shot('08-left');
  expect((await apiAs(api.base, token, 'GET', '/api/v1/stats/overview')).body.staff.total).toBe(before - 1);

  await page.goBack();
  await page.locator('.staff-roster__row').first().waitFor();
  await page.locator('.admin-chip', { hasText: '已离任' }).click();
  await page.locator('.staff-roster__row', { hasText: '赵国平' }).waitFor();
  await calm(page);
  await shot('09-left-list');
});

test('staff see their volunteers; 退出志愿者 keeps the hours and shows in the history', async () => {
  const { page, shot } = phone;
  await page.goto(`${api.base}/#/pages/admin/index`);
  await page.locator('.admin-task--volunteers').click();
  const row = page.locator('.volunteers__row', { hasText: '王志强' });
  await row.waitFor();
  await settled(row);
  await shot('10-volunteers');
  await row.click();
  await page.locator('.roster-actions__deactivate').waitFor();
  await settled(page.locator('.volunteer'));
  await shot('11-volunteer');
  await page.locator('.roster-actions__deactivate').click();
  await page.locator('.roster-sheet--deactivate textarea').fill('本人申请退出');
  await page.locator('.roster-sheet--deactivate .roster-sheet__confirm').click();
  await confirmModal(page, '退出');
  await page.getByText('已退出志愿者：服务时长记录保留。').waitFor();
  await page.locator('.roster-event', { hasText: '志愿者：是 → 否' }).waitFor();
  await calm(page);
  await shot('12-volunteer-left');
});
