import { seedId } from '../../cloud/src/core/stable-id';
import { startApiProcess, type ApiProcess } from '../support/api-process';
import { openPhone, settled, type Phone } from '../support/browser-page';
import { TAB_BAR, apiAs, secondPhone, shotOf, signIn, tokenOf } from './admin_support';

// Issue 4 (d): a resident cannot open the admin tab or another resident's order. 张秀兰 sees no 管理
// tab; opening the admin pages by URL shows 无权访问 and asks the API for nothing; opening 李大海's
// order by URL shows 没有找到 (the API answers 404) and never its content. Staff do see 管理.
let api: ApiProcess;
let phone: Phone;

const SECRET = '家里老人想办理遗嘱公证，想先咨询一下流程';

beforeAll(async () => {
  api = await startApiProcess('e2e_admin_forbidden');
  phone = await openPhone('admin_forbidden');
});
afterAll(async () => {
  await phone?.close();
  await api?.stop();
});

test('a resident has no 管理 tab, is refused the admin pages and cannot open another resident’s order', async () => {
  const { page, shot } = phone;

  // 李大海's order, made through the API.
  const resident2 = await tokenOf(api.base, 'resident2');
  const made = await apiAs(api.base, resident2, 'POST', '/api/v1/needs', {
    menuItemId: String(seedId('menu:legal-consult')),
    description: SECRET,
    placeId: String(seedId('org:building:nanmen:南门小区:2')),
    contactPhone: '13812340002',
    answers: { topic: 'family', way: 'visit' },
  });
  expect(made.status).toBe(200);
  const otherNeed: string = made.body.id;

  // Every API call the resident's pages make from here on.
  const calls: string[] = [];
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (url.pathname.startsWith('/api/')) calls.push(`${req.method()} ${url.pathname}`);
  });

  // 张秀兰: 首页, 活动, 我的 — no 管理.
  await signIn(page, api.base, '张秀兰');
  const bar = page.locator(TAB_BAR);
  await bar.getByText('我的').waitFor();
  expect(await bar.getByText('首页').count()).toBe(1);
  expect(await bar.getByText('活动').count()).toBe(1);
  expect(await bar.getByText('管理').count()).toBe(0);
  await shot('01-resident-no-admin-tab');

  // The admin tab page by its URL: 无权访问, nothing loaded.
  calls.length = 0;
  await page.goto(`${api.base}/#/pages/admin/index`);
  // A page opened by URL stacks over the previous one: look at the one on screen.
  const refused = page.locator('.admin-forbidden').filter({ visible: true });
  await refused.getByText('无权访问').waitFor();
  await settled(refused);
  await shot('02-admin-page-refused');
  expect(await page.locator('.admin-home__needs, .admin-task, .need-card').count()).toBe(0);
  expect(calls.filter((c) => /\/api\/v1\/(needs|resources|activities|projects|menu)/.test(c))).toEqual([]);
  expect(await page.locator(TAB_BAR).getByText('管理').count()).toBe(0);

  // An inner admin page by its URL, the inbox and the staff view of her neighbour's order: the same.
  await page.goto(`${api.base}/#/packages/admin/inbox/index?status=submitted`);
  await refused.getByText('无权访问').waitFor();
  await page.goto(`${api.base}/#/packages/admin/need/index?id=${otherNeed}`);
  await refused.getByText('无权访问').waitFor();
  await settled(refused);
  await shot('03-admin-need-refused');
  expect(await page.content()).not.toContain(SECRET);
  expect(calls.filter((c) => /\/api\/v1\/(needs|resources|activities|projects|menu)/.test(c))).toEqual([]);

  // And the API refuses anyway.
  const resident = await tokenOf(api.base, 'resident');
  expect((await apiAs(api.base, resident, 'GET', '/api/v1/needs')).status).toBe(403);

  // 李大海's order through her own order page: the API answers 404, the page says 没有找到.
  await page.goto(`${api.base}/#/packages/needs/detail/index?id=${otherNeed}`);
  const detail = page.locator('.need-detail').filter({ visible: true });
  await detail.getByText('没有找到', { exact: false }).waitFor();
  await settled(detail);
  await shot('04-other-residents-order-not-found');
  expect(calls).toContain(`GET /api/v1/needs/${otherNeed}`);
  expect(await page.content()).not.toContain(SECRET);
  expect(await page.content()).not.toContain('13812340002');
  expect((await apiAs(api.base, resident, 'GET', `/api/v1/needs/${otherNeed}`)).status).toBe(404);

  // Staff 陈静, on another phone: 管理 is there and opens the workbench.
  const staffPhone = await secondPhone(phone.browser);
  try {
    await signIn(staffPhone.page, api.base, '陈静');
    await staffPhone.page.locator(TAB_BAR).getByText('管理').click();
    const home = staffPhone.page.locator('.admin-home');
    await home.locator('.admin-home__needs').waitFor();
    await home.locator('.admin-task--menu').waitFor();
    expect(await staffPhone.page.locator('.admin-forbidden').count()).toBe(0);
    await settled(home.locator('.admin-home__needs'));
    await shotOf(staffPhone.page, 'admin_forbidden', '05-staff-sees-admin-tab');
  } finally {
    await staffPhone.close();
  }
}, 120_000);
