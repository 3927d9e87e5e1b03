import { startApiProcess, type ApiProcess } from '../support/api-process';
import { openPhone, settled, type Phone } from '../support/browser-page';
import { TAB_BAR, calm, confirmModal, secondPhone, shotOf, signIn } from './admin_support';

// Issue 6 item 2: resident 张秀兰 finds 搭把手 in 我的 → 我的志愿队 and applies; its leader 王志强,
// on his own phone, sees the application waiting, approves it after confirming; 张秀兰 then sees
// herself as a member. Along the way: the station and brand pages a resident reaches from there.
let api: ApiProcess;
let phone: Phone;
const SCENARIO = 'team_join';

beforeAll(async () => {
  api = await startApiProcess('e2e_team_join');
  phone = await openPhone(SCENARIO);
});
afterAll(async () => {
  await phone?.close();
  await api?.stop();
});

async function openMyTeams(page: Phone['page']) {
  await page.locator(TAB_BAR).getByText('我的').click();
  await page.locator('.mine-entries__item--teams').click();
  const first = page.locator('.team-card').first();
  await first.waitFor();
  await settled(page.locator('.my-teams'));
}

test('a resident applies to 搭把手 and its leader approves', async () => {
  const { page, shot } = phone;
  await signIn(page, api.base, '张秀兰');
  await page.locator(TAB_BAR).getByText('我的').click();
  await page.locator('.mine-entries__item--privacy').waitFor();
  await shot('01-mine-entries');

  await openMyTeams(page);
  expect(await page.locator('.team-card').count()).toBe(7);
  await shot('02-my-teams');

  // The station and brand pages reached from 我的志愿队.
  await page.locator('.tm-links__item', { hasText: '服务站点' }).click();
  await page.locator('.station-card').first().waitFor();
  await settled(page.locator('.stations-page'));
  await shot('03-stations');
  await page.locator('.station-card').first().click();
  await page.locator('.station-page .tm-hero__title').waitFor();
  await settled(page.locator('.station-page'));
  expect(await page.locator('.station-page').innerText()).toContain('073****1234');
  await shot('04-station');
  await page.goBack();
  await page.goBack();
  await page.locator('.tm-links__item', { hasText: '服务品牌' }).click();
  await page.locator('.brand-card').first().waitFor();
  await settled(page.locator('.brand-page'));
  await shot('05-brands');
  await page.locator('.brand-card', { hasText: '法律援助进社区' }).click();
  const legal = page.locator('.brand-page', { has: page.locator('.tm-hero__title', { hasText: '法律援助进社区' }) });
  await legal.waitFor();
  await settled(legal);
  await shot('06-brand-legal-aid');
  await page.goBack();
  await page.goBack();

  // Apply to 搭把手.
  await page.locator('.team-card', { hasText: '搭把手' }).click();
  await page.locator('.team-join').waitFor();
  await settled(page.locator('.team-page'));
  await shot('07-team-before');
  await page.locator('.team-join').click();
  await confirmModal(page, '申请');
  await page.locator('.team-state', { hasText: '等待队长审核' }).waitFor();
  await calm(page);
  await shot('08-team-applied');

  // The leader, on his own phone.
  const leader = await secondPhone(phone.browser);
  try {
    const lp = leader.page;
    await signIn(lp, api.base, '王志强');
    await openMyTeams(lp);
    await lp.locator('.my-team', { hasText: '有 1 份入队申请等您审核' }).waitFor();
    await shotOf(lp, SCENARIO, '09-leader-my-teams');
    await lp.locator('.my-team', { hasText: '搭把手' }).click();
    const row = lp.locator('.team-member', { hasText: '张秀兰' });
    await row.waitFor();
    await settled(lp.locator('.team-page'));
    expect(await row.innerText()).toContain('138****0001');
    await shotOf(lp, SCENARIO, '10-leader-pending');
    await row.locator('.tm-row__action', { hasText: '通过' }).click();
    await confirmModal(lp, '同意');
    await lp.locator('.tm-tabs__tab', { hasText: '待审核 0' }).waitFor();
    await lp.locator('.tm-tabs__tab', { hasText: '队员 2' }).click();
    await lp.locator('.team-member', { hasText: '张秀兰' }).waitFor();
    await calm(lp);
    await shotOf(lp, SCENARIO, '11-leader-members');
  } finally {
    await leader.close();
  }

  // Back on her phone: a member now.
  await page.reload();
  await page.locator('.team-state', { hasText: '您是本队队员' }).waitFor();
  await settled(page.locator('.team-page'));
  await shot('12-team-member');
});
