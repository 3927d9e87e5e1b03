import { startApiProcess, type ApiProcess } from '../support/api-process';
import { openPhone, settled, type Phone } from '../support/browser-page';
import { seedId } from '../../cloud/src/core/stable-id';
import { TAB_BAR, calm, signIn } from './admin_support';

// Issue #6's new pages: the 两委 roster, 支部学习 (record one, its attendees earn points), 支部排名 on the
// admin party page, and the resident's 积分排行 with its 支部排名 tab for a linked party member.
let api: ApiProcess;
let phone: Phone;

beforeAll(async () => {
  api = await startApiProcess('e2e_party_points_roster');
  phone = await openPhone('party_points_roster');
});
afterAll(async () => {
  await phone?.close();
  await api?.stop();
});

test('staff open the 两委 roster from the admin tab', async () => {
  const { page, shot } = phone;
  await signIn(page, api.base, '陈静');
  await page.locator(TAB_BAR).getByText('管理').click();
  await page.locator('.admin-task--roster').click();
  const row = page.locator('.staff-roster__row', { hasText: '王德明' });
  await row.waitFor();
  await settled(row);
  await page.getByText('共 6 人').waitFor();
  expect(await row.innerText()).toContain('58 岁');
  await shot('01-staff-roster');
});

test('staff record a study session; it is listed with its attendees', async () => {
  const { page, shot } = phone;
  await page.goto(`${api.base}/#/pages/admin/index`);
  await page.locator('.admin-task--study-sessions').click();
  await page.getByText('还没有学习记录').waitFor();
  await shot('02-study-empty');
  await page.locator('.study-sessions__new').click();
  await page.locator('.admin-sheet .admin-chip', { hasText: '刘*国' }).click();
  await page.locator('.admin-sheet .admin-chip', { hasText: '何*远' }).click();
  await page.locator('.admin-sheet .form-input input').fill('学习《中国共产党支部工作条例》');
  await page.getByText('已选 2 人').waitFor();
  await shot('03-study-form');
  await page.locator('.study-sessions__save').click();
  const row = page.locator('.study-sessions__row', { hasText: '支部工作条例' });
  await row.waitFor();
  await calm(page);
  expect(await row.innerText()).toContain('刘*国、何*远');
  await shot('04-study-recorded');
});

test('支部排名 on the admin party page, and a branch’s members', async () => {
  const { page, shot } = phone;
  await page.goto(`${api.base}/#/pages/admin/index`);
  await page.locator('.admin-task--party').click();
  await page.locator('.admin-chip', { hasText: '支部排名' }).click();
  const row = page.locator('.party-rank', { hasText: '南门社区党支部' });
  await row.waitFor();
  await settled(row);
  await shot('05-branch-ranking');
  await row.click();
  await page.locator('.admin-sheet .party-rank', { hasText: '刘建国' }).waitFor();
  await calm(page);
  await shot('06-branch-members');
});

test('a linked party member sees 社区排名 and their own 支部排名, others masked', async () => {
  const member = await phone.browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2 });
  const page = await member.newPage();
  const shot = (name: string) =>
    page.screenshot({ path: `${__dirname}/../.artifacts/screenshots/party_points_roster/${name}.png` });
  await signIn(page, api.base, '刘建国');
  await page.locator(TAB_BAR).getByText('我的').click();
  await page.locator('.mine-points__link--ranking').click();
  await page.locator('.pts-rank-row').first().waitFor();
  await settled(page.locator('.pts-rank-row').first());
  await shot('07-community-ranking');
  await page.locator('.pts-rank-tab', { hasText: '支部排名' }).click();
  await page.locator('.pts-rank-row', { hasText: '南门社区党支部' }).waitFor();
  await page.locator('.pts-rank-row', { hasText: '刘建国（我）' }).waitFor();
  await settled(page.locator('.pts-rank-row').last());
  expect(await page.locator('.pts-rank-row', { hasText: '何*远' }).count()).toBe(1);
  // The branch's size is the roster's (as on the dashboard), not the members with an account.
  await page.locator('.pts-rank-row', { hasText: /在册党员 \d+ 人/ }).waitFor();
  await shot('08-branch-ranking-member');

  // 积分明细: each entry names its kind once (the walk-through read “参加学习 · 参加学习”).
  await page.goBack();
  await page.locator('.mine-points__link--ledger').click();
  const study = page.locator('.pts-entry', { hasText: '参加学习' }).first();
  await study.waitFor();
  await settled(study);
  const texts = await page.locator('.pts-entry__body').allInnerTexts();
  for (const text of texts) expect(text.replace(/\s+/g, ' ')).not.toMatch(/(\S{2,}) · \1|^(\S+) \2 ·/);
  await shot('08b-points-ledger');
  await member.close();
});

test('党务 staff link a member to their account by phone from the member page', async () => {
  const { page, shot } = phone;
  // 南门's first member has no account yet (the seed links members 10–14).
  await page.goto(`${api.base}/#/packages/admin/party-member/index?id=${seedId('partyMember:0')}`);
  const card = page.locator('.admin-card', { hasText: '本人账号' });
  await card.waitFor();
  await settled(card);
  await shot('09-member-unlinked');
  await card.getByText('关联账号').click();
  await page.locator('.admin-sheet .form-input input').fill('13812340003'); // 王志强
  await shot('10-link-form');
  await page.locator('.party-member__link').click();
  await card.getByText('解除关联').waitFor();
  await calm(page);
  await shot('11-member-linked');
});
