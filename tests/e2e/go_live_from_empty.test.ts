import type { Page } from 'playwright-core';
import { startApiProcess, type ApiProcess } from '../support/api-process';
import { openPhone, settled, type Phone } from '../support/browser-page';
import { startFakeWechat, type FakeWechat } from '../support/fake-wechat';
import { productionEnv } from '../support/production-env';
import { TAB_BAR, apiAs, arrive, calm, confirmModal, seen, shotOf } from './admin_support';
import {
  acceptInvitation,
  cspViolations,
  orgTreeXlsx,
  printedSetup,
  wechatPhone,
  type Person,
} from './go_live_support';

// Go live, item 7: a production instance on an empty database. 冯刚 claims the printed setup code and
// is the county administrator; he imports the county's tree from Excel (2 streets, 13 communities),
// adds 县司法局 and 东城律师事务所 and the 法律咨询 menu item, and invites a street administrator, a
// community worker, a department handler and the law firm's administrator. She adds her lawyer 刘明
// and invites him. A new resident joins 文昌社区 and orders legal advice; 王丽 (staff) accepts and
// dispatches it to 刘明, who takes and completes it on his phone; the resident rates. Then the staff
// member's grant is revoked and her next request is refused.
const NAME = 'go_live_from_empty';
const DESCRIPTION = '公司拖欠三个月工资不发，想咨询怎么维权';
const RESULT = '已电话沟通，建议先向劳动监察大队投诉，材料清单已发给您';
let wx: FakeWechat;
let api: ApiProcess;
let phone: Phone;
const people: Person[] = [];
let staff: Person;

beforeAll(async () => {
  wx = await startFakeWechat();
  // The released mini-program has the invitation page: invitations come with a mini-program code.
  wx.publish('packages/account/invite/index');
  api = await startApiProcess(`e2e_${NAME}`, productionEnv(wx));
  phone = await openPhone(NAME);
});
afterAll(async () => {
  for (const p of people) await p.close();
  await phone?.close();
  await api?.stop();
  await wx?.close();
});

async function signedIn(openid: string): Promise<Person> {
  const p = await wechatPhone(phone.browser, api.base, openid);
  people.push(p);
  return p;
}

/** 管理 › 邀请 › 新邀请: one role at one place; returns the link the share view shows. */
async function invite(page: Page, role: string, place: string, note: string, step: string): Promise<string> {
  await page.goto(`${api.base}/#/packages/access/invitations/index`);
  await arrive(page, '.invitations-new');
  await seen(page, '.invitations-new').click();
  await arrive(page, '.invite-form__role');
  await seen(page, '.invite-form__role .admin-chip', role).click();
  // The only place there is comes chosen; otherwise the person picks it.
  const picker = seen(page, '.invite-form__place .form-picker');
  await page.waitForFunction(() => !document.body.innerText.includes('正在加载…'));
  if (!(await picker.innerText()).includes(place)) {
    await picker.click();
    await seen(page, '.choice-sheet__item', place).click();
  }
  await seen(page, '.invite-form__place .form-picker', place).waitFor();
  await seen(page, '.invite-form__note input').fill(note);
  await calm(page);
  await shotOf(page, NAME, step);
  await seen(page, '.invite-form__submit').click();
  const link = seen(page, '.share-sheet__link');
  await link.waitFor();
  const text = (await link.innerText()).trim();
  await seen(page, '.admin-sheet__close').click();
  return text;
}

test('from an empty database to a served and rated order', async () => {
  // ——— first run: the printed code makes 冯刚 the county administrator ———
  const setup = await printedSetup(api);
  expect(setup.link).toContain(`code=${setup.code}`);
  const county = await wechatPhone(phone.browser, api.base, 'openid-fenggang');
  const c = county.page;
  people.push(county);
  await c.goto(setup.link);
  await arrive(c, '.setup-code');
  expect(await seen(c, '.setup-code input').inputValue()).toBe(setup.code);
  await seen(c, '.setup-county input').fill('东城县');
  await seen(c, '.setup-name input').fill('冯刚');
  await calm(c);
  await shotOf(c, NAME, '01-setup-code');
  await seen(c, '.setup-submit').click();
  await c.locator('.admin-home__heading').waitFor();
  await c.locator(TAB_BAR).getByText('管理').waitFor();
  await calm(c);
  await shotOf(c, NAME, '02-county-admin');
  // The code is dead.
  const again = await apiAs(api.base, (await signedIn('openid-late')).session.token, 'POST', '/api/v1/setup/claim', {
    code: setup.code,
    countyName: '别的县',
    name: '张三',
  });
  expect(again.status).toBeGreaterThanOrEqual(400);

  // ——— the tree from Excel: dry run, then commit ———
  await c.locator('.admin-task--org').click();
  await arrive(c, '.org-tree__import');
  await shotOf(c, NAME, '03-empty-tree');
  await seen(c, '.org-tree__import').click();
  await arrive(c, '.admin-import');
  const chooser = c.waitForEvent('filechooser');
  await seen(c, '.admin-import').getByText('选择文件').click();
  await (
    await chooser
  ).setFiles({
    name: '东城县组织架构.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await orgTreeXlsx(),
  });
  await seen(c, '.party-summary').waitFor();
  await calm(c);
  await shotOf(c, NAME, '04-tree-dry-run');
  await seen(c, '.admin-import__commit').click();
  await confirmModal(c, '导入');
  await seen(c, '.admin-import').getByText('导入完成').waitFor();
  await calm(c);
  await shotOf(c, NAME, '05-tree-imported');
  await seen(c, '.admin-import').getByText('导入完成：新增 73 条').waitFor();

  // ——— a department and a resident unit, by hand ———
  await c.goto(`${api.base}/#/packages/org/tree/index`);
  await arrive(c, '.org-node', '东城街道');
  await seen(c, '.org-node', '西城街道').waitFor();
  await shotOf(c, NAME, '06-tree-streets');
  await seen(c, '.org-chip-row .admin-chip', '职能部门').click();
  await seen(c, '.org-tree__new--department').click();
  await arrive(c, '.org-edit__name');
  await seen(c, '.org-edit__name input').fill('县司法局');
  await seen(c, '.org-edit__submit').click();
  await arrive(c, '.org-node', '县司法局');
  await seen(c, '.org-tree__units').click();
  await arrive(c, '.org-units__new');
  await seen(c, '.org-units__new').click();
  const unitSheet = seen(c, '.admin-sheet');
  await unitSheet.locator('.form-field', { hasText: '单位名称' }).locator('input').fill('东城律师事务所');
  await unitSheet.locator('.form-field', { hasText: '单位类别' }).locator('input').fill('律师事务所');
  await unitSheet.locator('.admin-chip', { hasText: '东城街道' }).click();
  await calm(c);
  await shotOf(c, NAME, '07-new-unit');
  await unitSheet.locator('.nut-button', { hasText: '新增' }).click();
  await arrive(c, '.org-row__title', '东城律师事务所');
  await shotOf(c, NAME, '08-units');

  // ——— the county's first menu item: an empty database has none ———
  await c.goto(`${api.base}/#/packages/admin/menu-edit/index`);
  await arrive(c, '.menu-edit');
  const menu = seen(c, '.menu-edit');
  await menu.locator('.admin-chip', { hasText: '法律援助' }).click();
  await menu.locator('.form-field', { hasText: '服务名称' }).locator('input').fill('法律咨询');
  await menu.locator('.form-field', { hasText: '一句话简介' }).locator('input').fill('律师为您解答法律问题');
  await menu
    .locator('.form-field', { hasText: '服务说明' })
    .locator('textarea')
    .fill('婚姻家庭、劳动纠纷、邻里纠纷等法律问题，由律师免费解答。');
  await menu
    .locator('.form-field', { hasText: '可提供服务的资源' })
    .locator('.admin-chip', { hasText: '律师' })
    .click();
  await calm(c);
  await shotOf(c, NAME, '09-menu-item');
  await seen(c, '.menu-edit__save').click();
  await c.waitForFunction(() => !location.hash.includes('menu-edit'));

  // ——— four invitations down the tree ———
  const links = {
    street: await invite(c, '街道管理员', '东城街道', '给赵刚', '10-invite-street'),
    staff: await invite(c, '社区工作者', '文昌社区', '给王丽', '11-invite-staff'),
    department: await invite(c, '职能部门', '县司法局', '给孙强', '12-invite-department'),
    unit: await invite(c, '驻区单位管理员', '东城律师事务所', '给陈芳', '13-invite-unit'),
  };
  await arrive(c, '.invitation-card--open', '给陈芳');
  await shotOf(c, NAME, '14-invitations');

  // Each a new WeChat user: opens the link, gives their name, accepts, and works from 管理 at once.
  const invitees = [
    { openid: 'openid-zhaogang', link: links.street, post: '东城街道', name: '赵刚', step: '15-street-invited' },
    { openid: 'openid-wangli', link: links.staff, post: '文昌社区', name: '王丽', step: '16-staff-invited' },
    {
      openid: 'openid-sunqiang',
      link: links.department,
      post: '县司法局',
      name: '孙强',
      step: '17-department-invited',
    },
    { openid: 'openid-chenfang', link: links.unit, post: '东城律师事务所', name: '陈芳', step: '18-unit-invited' },
  ];
  const accepted: Person[] = [];
  for (const i of invitees) {
    const person = await signedIn(i.openid);
    await acceptInvitation(person, i.link, { post: i.post, name: i.name, scenario: NAME, step: i.step });
    await person.page.locator('.admin-home__heading').waitFor();
    accepted.push(person);
  }
  staff = accepted[1];
  const unit = accepted[3];
  const u = unit.page;
  await u.locator('.admin-home__heading').waitFor();
  await calm(u);
  await shotOf(u, NAME, '19-unit-admin-tab');

  // ——— the unit administrator adds her lawyer and invites him ———
  await u.locator('.admin-task--unit-people').click();
  await arrive(u, '.unit-people__add');
  await seen(u, '.unit-people').getByText('本单位还没有登记服务人员').waitFor();
  await shotOf(u, NAME, '20-unit-people-empty');
  await seen(u, '.unit-people__add').click();
  const add = seen(u, '.add-person-sheet');
  await add.locator('.add-person-sheet__name input').fill('刘明');
  await add.locator('.add-person-sheet__kind .admin-chip', { hasText: '律师' }).click();
  await add.locator('.add-person-sheet__skills input').fill('劳动争议、婚姻家事');
  await calm(u);
  await shotOf(u, NAME, '21-add-lawyer');
  await add.locator('.add-person-sheet__submit').click();
  await confirmModal(u, '生成邀请');
  const share = seen(u, '.share-sheet__link');
  await share.waitFor();
  // Both codes drawn: the mini-program code (WeChat's, from the fake) and the link's QR code.
  await u.waitForFunction(() => {
    const images = [...document.querySelectorAll('.share-sheet__img img')] as HTMLImageElement[];
    return images.length === 2 && images.every((i) => i.naturalWidth > 0);
  });
  expect(wx.wxacodes.at(-1)).toMatchObject({ page: 'packages/account/invite/index', check_path: true });
  const lawyerLink = (await share.innerText()).trim();
  await calm(u);
  await shotOf(u, NAME, '22-lawyer-invitation');
  await seen(u, '.admin-sheet__close').click();

  const lawyer = await signedIn('openid-liuming');
  await acceptInvitation(lawyer, lawyerLink, {
    post: '东城律师事务所',
    name: '刘明',
    scenario: NAME,
    step: '23-lawyer-invited',
  });
  await lawyer.page.getByText('刘明').first().waitFor();
  await u.reload(); // 下拉刷新 on the phone
  await arrive(u, '.unit-person__state--on');
  await shotOf(u, NAME, '24-lawyer-on');

  // ——— a resident joins 文昌社区 › 阳光小区 › 1号楼 and orders 法律咨询 ———
  const resident = await signedIn('openid-resident');
  const r = resident.page;
  await r.goto(`${api.base}/`);
  await r.locator('.join-page .account-option').first().waitFor();
  await r.locator('.join-search__input input').fill('文昌');
  await r.locator('.join-search__go').click();
  await r.locator('.account-option', { hasText: '文昌社区' }).click();
  await r.locator('.account-option', { hasText: '阳光小区' }).click();
  await r.locator('.join-building', { hasText: '1号楼' }).click();
  await r.locator('.home .menu-item', { hasText: '法律咨询' }).waitFor();
  await settled(r.locator('.home .menu-item').first());
  await calm(r);
  await shotOf(r, NAME, '25-resident-home');
  await r.locator('.menu-item', { hasText: '法律咨询' }).click();
  await r.locator('.order-bar__button', { hasText: '我要点单' }).click();
  const form = r.locator('.order-page');
  await form.locator('[data-field="description"] textarea').fill(DESCRIPTION);
  // Where she lives is filled in; with no phone bound yet, the number is asked for.
  await form.locator('.order-place', { hasText: '阳光小区 1号楼' }).waitFor();
  await form.locator('[data-field="contactPhone"] .weui-input').fill('13800001234');
  await settled(form);
  await shotOf(r, NAME, '26-resident-order');
  await r.locator('.order-submit').click();
  await r.locator('.need-detail .need-hero__status', { hasText: '待受理' }).waitFor();
  await calm(r);
  await shotOf(r, NAME, '27-resident-ordered');
  const mine = await apiAs(api.base, resident.session.token, 'GET', '/api/v1/needs/mine');
  const needId: string = mine.body.items[0].id;

  // ——— 王丽 accepts and dispatches to 刘明 ———
  const s = staff.page;
  await s.goto(`${api.base}/#/packages/admin/need/index?id=${needId}`);
  const detail = seen(s, '.admin-need');
  await detail.locator('.need-status', { hasText: '待受理' }).waitFor();
  await settled(detail);
  await shotOf(s, NAME, '28-staff-new-order');
  await detail.locator('.need-action--accept').click();
  await detail.locator('.need-status', { hasText: '已受理' }).waitFor();
  await calm(s);
  await detail.locator('.need-action--dispatch').click();
  const sheet = seen(s, '.dispatch-sheet');
  await sheet.locator('.route-match', { hasText: '刘明' }).click();
  await calm(s);
  await shotOf(s, NAME, '29-staff-dispatch');
  await sheet.locator('.dispatch-sheet__submit').click();
  await confirmModal(s, '确认派单');
  await detail.locator('.need-route__assignee', { hasText: '刘明' }).waitFor();
  await calm(s);
  await shotOf(s, NAME, '30-staff-dispatched');

  // ——— 刘明 takes it and completes it with a result ———
  const l = lawyer.page;
  // He opens the mini-program (from the notification): 我的 shows 待我服务 with a count.
  await l.goto(`${api.base}/#/pages/mine/index`);
  await l.reload();
  const entry = l.locator('.mine-entries__item--serving');
  await entry.locator('.mine-entries__badge').waitFor();
  await entry.click();
  const card = l.locator('.serve-card', { hasText: DESCRIPTION });
  await card.waitFor();
  await settled(card);
  await shotOf(l, NAME, '31-lawyer-serving');
  await card.click();
  const need = l.locator('.serve-need');
  await need.locator('.serve-action--take').click();
  await confirmModal(l, '接单');
  await need.locator('.serve-need__status', { hasText: '服务中' }).waitFor();
  await calm(l);
  await need.locator('.serve-action--complete').click();
  const complete = l.locator('.complete-sheet');
  await complete.locator('textarea').first().fill(RESULT);
  await calm(l);
  await shotOf(l, NAME, '32-lawyer-result');
  await complete.locator('.complete-sheet__submit').click();
  await confirmModal(l, '确认完成');
  await need.locator('.serve-need__status', { hasText: '已完成' }).waitFor();
  await calm(l);
  await shotOf(l, NAME, '33-lawyer-done');

  // ——— the resident reads it in plain words and rates ———
  await r.goto(`${api.base}/#/packages/needs/detail/index?id=${needId}`);
  const done = seen(r, '.need-detail');
  await done.locator('.need-timeline__action', { hasText: '已安排 刘明律师 为您服务' }).waitFor();
  await done.locator('.need-result', { hasText: RESULT }).waitFor();
  await settled(done.locator('.need-hero'));
  await shotOf(r, NAME, '34-resident-result');
  await done.locator('.need-rate .rk-stars__star[data-star="5"]').click();
  await done.locator('.need-rate__send').click();
  await confirmModal(r, '提交');
  await done.locator('.need-timeline__action', { hasText: '您评价了 5 星' }).waitFor();
  await calm(r);
  await shotOf(r, NAME, '35-resident-rated');
  const closed = await apiAs(api.base, resident.session.token, 'GET', `/api/v1/needs/${needId}`);
  expect(closed.body).toMatchObject({ status: 'closed', rating: { stars: 5 } });
  // Under the production Content-Security-Policy nothing any of them did was blocked.
  const opened = people.filter((p) => p.page.url().startsWith(api.base));
  expect(opened.length).toBeGreaterThanOrEqual(7);
  for (const p of opened) expect([p.page.url(), await cspViolations(p.page)]).toEqual([p.page.url(), []]);
}, 420_000);

test("the staff member's grant is revoked: her next request is refused", async () => {
  const county = people[0];
  const grants = await apiAs(api.base, county.session.token, 'GET', '/api/v1/grants?role=staff');
  const [hers] = grants.body.items;
  expect(hers).toMatchObject({ person: { name: '王丽' }, place: { name: '文昌社区' }, status: 'active' });
  const revoked = await apiAs(api.base, county.session.token, 'POST', `/api/v1/grants/${hers.id}/revoke`, {
    reason: '人员调整，改由他人担任',
  });
  expect(revoked.status).toBe(200);

  // Still on the need she dispatched, she opens her inbox: the very next request is refused.
  const s = staff.page;
  await s.evaluate(() => {
    location.hash = '#/packages/admin/inbox/index';
  });
  await s.getByText('您的权限已变更').waitFor();
  await calm(s);
  await shotOf(s, NAME, '36-staff-revoked');
  const refused = await apiAs(api.base, staff.session.token, 'GET', '/api/v1/needs');
  expect(refused.status).toBe(403);
}, 120_000);
