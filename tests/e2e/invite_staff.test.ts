import { startApiProcess, type ApiProcess } from '../support/api-process';
import { openPhone, settled, type Phone } from '../support/browser-page';
import { FAKE_APPID, FAKE_SECRET, startFakeWechat, type FakeWechat } from '../support/fake-wechat';
import { TAB_BAR, calm, confirmModal, secondPhone, shotOf, signIn } from './admin_support';
import { storeSession, wxSignIn } from './account_support';

// 邀请上岗: the county administrator invites a community worker for 南门社区; a new WeChat user opens
// the link, accepts and works from 管理 at once; revoked, their next step is refused and says why.
const NAME = 'invite_staff';
let wx: FakeWechat;
let api: ApiProcess;
let phone: Phone;

beforeAll(async () => {
  wx = await startFakeWechat();
  api = await startApiProcess(`e2e_${NAME}`, { WX_API_BASE: wx.base, WX_APPID: FAKE_APPID, WX_SECRET: FAKE_SECRET });
  phone = await openPhone(NAME);
});
afterAll(async () => {
  await phone?.close();
  await api?.stop();
  await wx?.close();
});

test('an invited community worker accepts, works from 管理, and is stopped at once when revoked', async () => {
  const { page, shot } = phone;

  // ——— the county administrator makes the invitation ———
  await signIn(page, api.base, '冯刚');
  await page.locator(TAB_BAR).getByText('管理').click();
  await page.locator('.admin-task--invite').click();
  await page.getByText('还没有发出邀请').waitFor();
  await page.locator('.invitations-new').click();
  await page.locator('.invite-form__role').getByText('社区工作者').click();
  await page.getByText('职责：受理和派发本社区居民的点单').waitFor();
  await page.locator('.invite-form__place .form-picker', { hasText: '请选择' }).click();
  await page.locator('.choice-sheet__item', { hasText: '南门社区' }).click();
  await page.locator('.invite-form__note input').fill('给李华');
  await calm(page);
  await shot('01-invitation-form');

  await page.locator('.invite-form__submit').click();
  // Back on the list, the share view opens with WeChat's mini-program code (from the fake) and the link.
  const wxcode = page.locator('.share-sheet__code--wx .share-sheet__image');
  await wxcode.waitFor();
  await page.waitForFunction(() =>
    [...document.querySelectorAll('.share-sheet__image img')].every((i) => (i as HTMLImageElement).naturalWidth > 0),
  );
  const link = (await page.locator('.share-sheet__link').innerText()).trim();
  expect(link).toMatch(/\/#\/packages\/account\/invite\/index\?code=[2-9A-HJKMNP-Z]{16}$/);
  expect(wx.wxacodes.at(-1)).toMatchObject({ page: 'packages/account/invite/index', scene: link.split('code=')[1] });
  await calm(page);
  await shot('02-share-view');
  await page.locator('.admin-sheet__close').click();
  await page.locator('.invitation-card--open', { hasText: '给李华' }).waitFor();
  await shot('03-invitations');

  // ——— the invitee: a new WeChat user, signed in on their phone ———
  const invitee = await wxSignIn(api.base, 'openid-lihua');
  expect(invitee.user.roles).toEqual(['resident']);
  const other = await secondPhone(phone.browser);
  const ip = other.page;
  await storeSession(ip.context(), invitee);
  await ip.goto(link);
  await ip.locator('.account-hero', { hasText: '南门社区 的 社区工作者' }).waitFor();
  await ip.getByText('邀请您担任 南门社区 的 社区工作者：受理和派发本社区居民的点单').waitFor();
  await ip.getByText('冯*').first().waitFor();
  await calm(ip);
  await shotOf(ip, NAME, '04-invitee-preview');

  // A first sign-in is still 微信用户: the post asks for the person's name.
  await ip.locator('.invite-accept').click();
  await ip.getByText('请填写您的真实姓名').first().waitFor();
  await ip.locator('.invite-name__field input').fill('李华');
  await ip.locator('.invite-accept').click();
  // Straight to 管理: the tab bar shows it now, without signing in again.
  await ip.locator('.admin-home__heading').waitFor();
  await ip.locator(TAB_BAR).getByText('管理').waitFor();
  await ip.locator('.admin-task--whistles').waitFor();
  await settled(ip.locator('.admin-home__heading'));
  await calm(ip);
  await shotOf(ip, NAME, '05-invitee-admin-tab');

  // The link is used up: opening it again says so.
  const again = await secondPhone(phone.browser);
  await storeSession(again.page.context(), await wxSignIn(api.base, 'openid-someone-else'));
  await again.page.goto(link);
  await again.page.getByText('这个邀请已经被使用过了').waitFor();
  await shotOf(again.page, NAME, '06-used-link');
  await again.close();

  // ——— the county administrator revokes ———
  await page.locator('.access-filter--link').click();
  const card = page.locator('.grant-card', { hasText: '南门社区' }).filter({ hasText: '李华' });
  await card.waitFor();
  await settled(page.locator('.grants-page .access-filters'));
  await shot('07-grants');
  await card.locator('.grant-card__revoke').click();
  await page.locator('.grants-sheet__submit').click();
  await page.getByText('请写明撤销原因').waitFor(); // a reason is required
  await page.locator('.admin-sheet textarea').fill('人员调整，改由他人担任');
  await calm(page);
  await shot('08-revoke-reason');
  await page.locator('.grants-sheet__submit').click();
  await confirmModal(page, '撤销');
  await page.locator('.taro__toast p', { hasText: '已撤销' }).waitFor();
  await calm(page);
  expect(await card.count()).toBe(0);
  await shot('09-revoked');

  // ——— the invitee's next step is refused, and the page says why ———
  await ip.locator('.admin-task--whistles').click();
  await ip.getByText('您的权限已变更').waitFor();
  await calm(ip);
  await shotOf(ip, NAME, '10-access-changed');
  await confirmModal(ip, '知道了');
  await ip.locator('.mine-profile').waitFor();
  await calm(ip);
  expect(await ip.locator('.mine-posts').count()).toBe(0);
  expect(await ip.locator(TAB_BAR).getByText('管理').count()).toBe(0);
  await shotOf(ip, NAME, '11-mine-after');
  await other.close();
}, 180_000);
