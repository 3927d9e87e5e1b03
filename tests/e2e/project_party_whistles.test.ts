import type { Page } from 'playwright-core';
import { startApiProcess, type ApiProcess } from '../support/api-process';
import { openPhone, settled, type Phone } from '../support/browser-page';
import { TAB_BAR, calm, confirmModal, secondPhone, shotOf, signIn } from './admin_support';
import { showOnScreen } from './resident_support';

// Issue 5, the last two whistle types in the mini-program. Community staff 陈静 blows a 项目吹哨 from
// the project 老旧小区楼道照明改造 to the housing department (a first try without a department is
// refused on the spot and keeps what she typed); 吴伟 (the department) reports and resolves it with a
// photo, which shows on the target card. Then 陈静 blows a 社区吹哨党员报到 with a volunteer call:
// the whistle links to the activity it opened, where party members sign up.
let api: ApiProcess;
let phone: Phone;

const SCENARIO = 'project_party_whistles';
const PROJECT = '老旧小区楼道照明改造';
const DEPARTMENT = '县住房和城乡建设局';
const PROJECT_TITLE = '粮站家属院 3 栋楼道线路老化，需住建部门检测';
const CALL_TITLE = '暴雨后南门小区积水清淤，请党员报到';
const TITLE_PLACEHOLDER = '例如：南门小区 2 号楼化粪池外溢';
const ADDRESS = '南门社区党群服务中心门口';
// A 1×1 PNG: the upload endpoint checks the bytes really are an image.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

beforeAll(async () => {
  api = await startApiProcess('e2e_project_party_whistles');
  phone = await openPhone(SCENARIO);
});
afterAll(async () => {
  await phone?.close();
  await api?.stop();
});

/** The blow form's title and description. */
async function describe(page: Page, title: string, description: string): Promise<void> {
  await page.getByRole('textbox', { name: TITLE_PLACEHOLDER }).fill(title);
  await page.locator('.whistle-blow textarea').fill(description);
}

async function submitBlow(page: Page): Promise<void> {
  await page.locator('.whistle-blow__submit').click();
  await confirmModal(page, '吹哨');
  await page.locator('.whistle-detail__title').waitFor();
  await calm(page);
  await settled(page.locator('.whistle-detail__title'));
}

test('a 项目吹哨 from a project to a department, resolved with a photo; a 党员报到 whistle opens an activity', async () => {
  const { page, shot } = phone;

  // ——— 陈静 opens the project and blows its whistle ———
  await signIn(page, api.base, '陈静');
  await page.locator(TAB_BAR).getByText('管理').click();
  await page.locator('.admin-task--projects').click();
  const card = page.locator('.admin-project', { hasText: PROJECT });
  await card.waitFor();
  await settled(card);
  await card.click();
  await page.locator('.project-edit__blow').waitFor();
  await showOnScreen(page, '.project-edit__blow');
  await shot('01-project-with-whistle-button');
  await page.locator('.project-edit__blow').click();

  await page.locator('.whistle-blow__project', { hasText: PROJECT }).waitFor();
  await settled(page.locator('.whistle-blow__project'));
  // Only the project type is offered here.
  expect(await page.locator('.whistle-blow .admin-chip', { hasText: '部门报到' }).allInnerTexts()).toEqual([
    '项目吹哨部门报到',
  ]);
  await describe(page, PROJECT_TITLE, '改造中发现 3 栋楼道线路老化严重，换灯前需住建部门检测线路是否要整体更换。');
  // Without a department the form says so and keeps what was typed.
  await page.locator('.whistle-blow__submit').click();
  await page.locator('.form-field__error', { hasText: '请至少选择一个职能部门' }).waitFor();
  expect(await page.getByRole('textbox', { name: TITLE_PLACEHOLDER }).inputValue()).toBe(PROJECT_TITLE);
  await shot('02-project-blow-missing-department');

  await page.locator('.whistle-blow__departments .admin-chip', { hasText: DEPARTMENT }).click();
  expect(await page.locator('.form-field__error').count()).toBe(0);
  await shot('03-project-blow-form');
  await submitBlow(page);
  expect(await page.locator('.whistle-detail__type').innerText()).toBe('项目吹哨部门报到');
  expect(await page.locator('.whistle-detail').innerText()).toContain(`${PROJECT} · 陈静`);
  expect(await page.locator('.whistle-target').innerText()).toContain(DEPARTMENT);
  await shot('04-project-whistle-blown');
  const projectWhistleUrl = page.url();

  // ——— 吴伟 (housing department) reports, then resolves with a photo ———
  const wu = await secondPhone(phone.browser);
  await signIn(wu.page, api.base, '吴伟');
  await wu.page.goto(projectWhistleUrl);
  await wu.page.locator('.whistle-action-report').waitFor();
  await settled(wu.page.locator('.whistle-detail__title'));
  await wu.page.locator('.whistle-action-report').click();
  await wu.page.locator('.whistle-detail__submit').click();
  await confirmModal(wu.page, '确认报到');
  await wu.page.locator('.admin-sheet').waitFor({ state: 'detached' });
  await calm(wu.page);

  await wu.page.locator('.whistle-action-resolve').click();
  await wu.page.locator('.admin-sheet textarea').fill('已检测 3 栋线路，主线完好，更换了 6 处老化支线');
  const chooser = wu.page.waitForEvent('filechooser');
  await wu.page.locator('.whistle-detail__resolve-photos .photo-picker__photo--add').click();
  await (await chooser).setFiles({ name: 'wiring.png', mimeType: 'image/png', buffer: PNG });
  await wu.page.locator('.whistle-detail__resolve-photos .photo-picker__photo--done').waitFor();
  await shotOf(wu.page, SCENARIO, '05-resolve-sheet-with-photo');
  const resolved = wu.page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/resolve'));
  await wu.page.locator('.whistle-detail__submit').click();
  await confirmModal(wu.page, '提交办结');
  expect((await resolved).postDataJSON().photos).toHaveLength(1);
  await wu.page.locator('.admin-sheet').waitFor({ state: 'detached' });
  await calm(wu.page);
  await wu.page.locator('.whistle-target .rk-pill', { hasText: '已办结' }).waitFor();
  const photo = wu.page.locator('.whistle-target__photos .rk-photo__img');
  await photo.waitFor();
  await settled(wu.page.locator('.whistle-target'));
  await shotOf(wu.page, SCENARIO, '06-resolved-with-photo');
  await wu.close();

  // ——— 陈静 blows a 社区吹哨党员报到 with a volunteer call ———
  await page.goBack(); // the project
  await page.goBack(); // projects
  await page.goBack(); // 管理
  await page.locator('.admin-task--whistles').click();
  await page.locator('.whistle-list__blow').click();
  await page.locator('.whistle-blow .admin-chip', { hasText: '社区吹哨党员报到' }).click();
  await page.locator('.whistle-blow__call').waitFor();
  await describe(page, CALL_TITLE, '昨夜暴雨，南门小区 1、2 号楼之间积水没过脚踝，需要人手清理淤泥、疏通雨水口。');
  await page.locator('.whistle-blow__address input').fill(ADDRESS);
  await page.locator('.shift-fields__seats input').fill('6');
  await showOnScreen(page, '.whistle-blow__call');
  await shot('07-party-blow-form');
  await submitBlow(page);
  expect(await page.locator('.whistle-detail__type').innerText()).toBe('社区吹哨党员报到');
  expect(await page.locator('.whistle-target').innerText()).toContain('待报到');
  await page.locator('.whistle-detail__call').waitFor();
  await shot('08-party-whistle-blown');

  await page.locator('.whistle-detail__call-link').click();
  await page.locator('.ad-hero__title', { hasText: `党员报到：${CALL_TITLE}` }).waitFor();
  await settled(page.locator('.ad-hero__title'));
  const activity = await page.locator('.activity-detail').filter({ visible: true }).innerText();
  expect(activity).toContain(ADDRESS);
  expect(activity).toContain('已认领 0/6');
  await shot('09-volunteer-call-activity');

  // The organiser adds a second shift with the same fields (ShiftFields) in the activity editor.
  const activityId = new URL(page.url().replace('/#/', '/')).searchParams.get('id')!;
  await page.goto(`${api.base}/#/packages/admin/activity-edit/index?id=${activityId}`);
  await page.locator('.activity-edit__add-shift').click();
  await page.locator('.shift-sheet .shift-fields__seats input').fill('4');
  await shot('10-activity-add-shift');
  await page.locator('.shift-sheet__submit').click();
  await page.locator('.admin-sheet').waitFor({ state: 'detached' });
  // The editor reloads the activity after the sheet closes: wait for that reload, not a fixed pause.
  const rows = page.locator('.shift-admin-row');
  await rows.nth(1).waitFor();
  await calm(page);
  expect(await rows.count()).toBe(2);
  expect((await rows.allInnerTexts()).join('|')).toMatch(/0\/6.*0\/4|0\/4.*0\/6/s);
}, 180_000);
