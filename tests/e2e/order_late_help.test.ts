import { MongoClient, ObjectId } from 'mongodb';
import { startApiProcess, type ApiProcess } from '../support/api-process';
import { openPhone, settled, type Phone } from '../support/browser-page';
import { seedId } from '../../cloud/src/core/stable-id';
import { apiAs, confirmModal, signIn, tokenOf } from './resident_support';

// No dead ends on a late or refused order: the resident sees a red badge on 我的 for the refusal's
// message, urges (催办) the order that is past its time limit, and on the refused one finds the
// community's phone to call, with its office hours.
let api: ApiProcess;
let phone: Phone;
const DB = () => `${process.env.TEST_MONGODB_URI}e2e_order_late_help_${process.pid}`;
const HOUR = 3600 * 1000;

beforeAll(async () => {
  api = await startApiProcess('e2e_order_late_help');
  phone = await openPhone('order_late_help');
});
afterAll(async () => {
  await phone?.close();
  await api?.stop();
});

const legalOrder = {
  menuItemId: String(seedId('menu:legal-consult')),
  description: '邻居装修把我家墙面弄裂了，想咨询怎么索赔',
  placeId: String(seedId('org:building:nanmen:南门小区:1')),
  contactPhone: '13812340001',
  answers: { topic: 'housing', way: 'visit' },
};

/** Moves a need's order two days back: 法律咨询 must be accepted within 24 hours, so it is late now. */
async function backdate(id: string): Promise<void> {
  const client = await MongoClient.connect(DB());
  try {
    const db = client.db();
    const needId = new ObjectId(id);
    const at = new Date(Date.now() - 48 * HOUR);
    const due = new Date(at.getTime() + 24 * HOUR);
    await db.collection('needEvents').updateOne({ needId, seq: 1 }, { $set: { at } });
    await db
      .collection('needs')
      .updateOne({ _id: needId }, { $set: { submittedAt: at, dueAcceptAt: due, dueAt: due } });
  } finally {
    await client.close();
  }
}

test('a late order is urged in one tap; a refused one shows the community phone; 我的 carries the unread badge', async () => {
  const { page, shot } = phone;
  const resident = await tokenOf(api.base, 'resident');
  const staff = await tokenOf(api.base, 'staff');
  const late = await apiAs(api.base, resident, 'POST', '/api/v1/needs', legalOrder);
  const refused = await apiAs(api.base, resident, 'POST', '/api/v1/needs', legalOrder);
  expect([late.status, refused.status]).toEqual([200, 200]);
  await backdate(late.body.id);
  const reason = '这类纠纷请到县法律援助中心办理';
  expect((await apiAs(api.base, staff, 'POST', `/api/v1/needs/${refused.body.id}/reject`, { reason })).status).toBe(
    200,
  );

  // The refusal's message: a red badge on 我的.
  await signIn(page, api.base, '张秀兰');
  const badge = page.locator('.custom-tab-bar__badge');
  await badge.waitFor();
  expect(await badge.innerText()).toBe('1');
  await shot('01-tab-badge');

  await page.goto(`${api.base}/#/packages/needs/detail/index?id=${late.body.id}`);
  const urge = page.locator('.need-help__urge');
  await urge.waitFor();
  await settled(page.locator('.need-detail'));
  expect(await page.locator('.need-hero__overdue').innerText()).toBe('超时未受理');
  expect(await page.locator('.need-help__call-number').innerText()).toBe('028-84561201');
  await shot('02-late-order');
  await urge.click();
  await confirmModal(page, '催办');
  await page.locator('.need-help__done').waitFor();
  await page.locator('.need-timeline__action', { hasText: '您催办了一次，社区会尽快处理' }).waitFor();
  await page.waitForTimeout(1600); // the toast fades
  await shot('03-urged');
  expect(await page.locator('.need-help__urge').count()).toBe(0);

  await page.goto(`${api.base}/#/packages/needs/detail/index?id=${refused.body.id}`);
  const call = page.locator('.need-help__call');
  await call.waitFor();
  await settled(page.locator('.need-detail'));
  expect(await page.locator('.need-help__text').innerText()).toContain(
    '请拨打社区电话 028-84561201（工作日 8:30–17:30）',
  );
  expect(await page.locator('.need-help__call-hours').innerText()).toBe('办公时间：工作日 8:30–17:30');
  await shot('04-refused-order');
});
