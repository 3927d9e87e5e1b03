import { startApiProcess, type ApiProcess } from '../support/api-process';
import { openPhone, type Phone } from '../support/browser-page';
import { TAB_BAR, apiAs, arrive, calm, confirmModal, seen, signIn, tokenOf } from './admin_support';
import { legalOrder } from '../api/needs_support';
import { seedId } from '../../cloud/src/core/stable-id';

// 组织架构 from the admin tab: the county administrator adds a street and a community under it,
// renames the community (the history says so), then closes 南门小区 — where buildings and an open
// need still are — into 粮站家属院, after the page says in plain words what goes where.
const B1 = String(seedId('org:building:nanmen:南门小区:1'));
const LIANGZHAN = String(seedId('org:complex:nanmen:粮站家属院'));
let api: ApiProcess;
let phone: Phone;

beforeAll(async () => {
  api = await startApiProcess('e2e_org_tree_admin', { SEED_DEMO: 'county' });
  phone = await openPhone('org_tree_admin');
});
afterAll(async () => {
  await phone?.close();
  await api?.stop();
});

test('a county administrator builds, renames and closes places of the tree', async () => {
  const { page, shot } = phone;
  // An open need at 南门小区 1号楼.
  const need = await apiAs(
    api.base,
    await tokenOf(api.base, 'resident'),
    'POST',
    '/api/v1/needs',
    legalOrder({ placeId: B1 }),
  );
  expect(need.status).toBe(200);

  await signIn(page, api.base, '冯刚');
  await page.locator(TAB_BAR).getByText('管理').click();
  await page.locator('.admin-task--org').click();
  await arrive(page, '.org-node', '城关街道');
  await shot('01-county');

  // A new street, then a community in it.
  await seen(page, '.org-tree__new--street').click();
  await arrive(page, '.org-edit__name');
  await seen(page, '.org-edit__name input').fill('东关街道');
  await shot('02-new-street');
  await seen(page, '.org-edit__submit').click();
  await arrive(page, '.org-node', '东关街道');
  await seen(page, '.org-node', '东关街道').click();
  await arrive(page, '.org-head__name', '东关街道');
  await seen(page, '.org-tree__new--community').click();
  await arrive(page, '.org-edit__name');
  await seen(page, '.org-edit__name input').fill('老街社区');
  await seen(page, '.org-edit__submit').click();
  await arrive(page, '.org-node', '老街社区');
  await calm(page);
  await shot('03-street-with-community');

  // Rename it; the history tells who did what, and why.
  await seen(page, '.org-node', '老街社区').click();
  await arrive(page, '.org-head__name', '老街社区');
  await seen(page, '.org-tree__detail').click();
  await arrive(page, '.org-node__edit');
  await seen(page, '.org-node__edit').click();
  await arrive(page, '.org-edit__name');
  await seen(page, '.org-edit__name input').fill('老街新社区');
  await seen(page, '.org-edit__reason input').fill('按民政局批复更名');
  await shot('04-rename');
  await seen(page, '.org-edit__submit').click();
  await arrive(page, '.org-event__text', '冯刚把社区「老街社区」改名为「老街新社区」');
  await calm(page);
  await shot('05-renamed-history');

  // Close 南门小区: the page says what is there and, once a target is chosen, where it goes.
  // A fresh start at the top of the tree (as opened from the 管理 tab).
  await page.goto(`${api.base}/#/packages/org/tree/index`);
  await page.reload();
  for (const step of ['城关街道', '南门社区', '南门第一网格', '南门小区']) {
    await arrive(page, '.org-node', step);
    await seen(page, '.org-node', step).click();
  }
  await arrive(page, '.org-head__name', '南门小区');
  await seen(page, '.org-tree__detail').click();
  await arrive(page, '.org-node__hanging');
  await shot('06-complex-detail');
  await seen(page, '.org-node__deactivate').click();
  await arrive(page, '.org-close__impact', '请先选择转到哪里');
  await shot('07-impact-without-target');
  for (const step of ['城关街道', '南门社区', '南门第二网格', '粮站家属院'])
    await seen(page, '.org-picker__row', step).click();
  await seen(page, '.org-close__impact', '还有 3 栋楼、1 条未办结的需求在这里，将转到「粮站家属院」').waitFor();
  await seen(page, '.org-close__reason input').fill('小区合并管理');
  await shot('08-impact-with-target');
  await seen(page, '.org-close__submit').click();
  await seen(page, '.taro-modal__content', '将转到「粮站家属院」').waitFor();
  await calm(page);
  await shot('09-confirm');
  await confirmModal(page, '停用');
  await arrive(page, '.org-note', '内容已转到「粮站家属院」');
  await calm(page);
  await shot('10-closed');

  // The need went along with its building, now under 粮站家属院 (its label keeps the words it was ordered with).
  const after = await apiAs(api.base, await tokenOf(api.base, 'staff'), 'GET', `/api/v1/needs/${need.body.id}`);
  expect(after.body.place).toMatchObject({ complexId: LIANGZHAN, label: '南门小区 1号楼' });
});

test('a street administrator moves a complex to another grid and looks at a unit before closing it', async () => {
  const street = await openPhone('org_tree_admin_street');
  try {
    const { page, shot } = street;
    await signIn(page, api.base, '周洋');
    await page.locator(TAB_BAR).getByText('管理').click();
    await page.locator('.admin-task--org').click();
    await arrive(page, '.org-node', '南门社区');
    await shot('01-street-top');
    for (const step of ['南门社区', '南门第二网格', '粮站家属院']) {
      await arrive(page, '.org-node', step);
      await seen(page, '.org-node', step).click();
    }
    await arrive(page, '.org-head__name', '粮站家属院');
    await seen(page, '.org-tree__detail').click();
    await arrive(page, '.org-node__edit');
    await seen(page, '.org-node__move').click();
    await arrive(page, '.org-picker__row', '南门社区');
    await shot('02-move-picker');
    await seen(page, '.org-picker__row', '南门社区').click();
    await seen(page, '.org-picker__row', '南门第三网格').click();
    await seen(page, '.org-move__picked', '南门第三网格').waitFor();
    await shot('03-move-picked');
    await seen(page, '.org-move__submit').click();
    await confirmModal(page, '调整');
    await arrive(page, '.org-event__text', '从「南门第二网格」调整到「南门第三网格」');
    await calm(page);
    await shot('04-moved');
    // The complex's own form: 老旧小区, 有物业 and where it is.
    await seen(page, '.org-node__edit').click();
    await arrive(page, '.admin-card', '修改小区');
    await shot('05-edit-complex');

    await page.goto(`${api.base}/#/packages/org/units/index`);
    await page.reload();
    await arrive(page, '.org-unit', '县第一中学');
    await shot('06-units');
    await seen(page, '.org-unit', '县第一中学').click();
    await arrive(page, '.org-head__name', '县第一中学');
    await seen(page, '.org-unit__close').click();
    await seen(page, '.org-impact').waitFor();
    await calm(page);
    await shot('07-unit-close');
  } finally {
    await street.close();
  }
});
