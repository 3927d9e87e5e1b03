import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { startApiProcess, type ApiProcess } from '../support/api-process';
import { openPhone, settled, type Phone } from '../support/browser-page';
import { TAB_BAR, apiAs, arrive, secondPhone, seen, shotOf, signIn, tokenOf } from './admin_support';

// Issue 16 item 2: each role lands on its own work. The first tab shows a resident their open orders
// above the menu, a volunteer their shifts, a grid worker this week's patrols, a party member the
// whistles calling party members (with 报到 on the whistle's page), 双报到 and points; departments and
// street officials land on a 工作台 of whistles waiting for 报到 and 办结, with counts. 我的 shows only
// what the person's roles use, with drawn icons. Screenshots of every demo account's landing and 我的.
let api: ApiProcess;
let phone: Phone;
const SCENARIO = 'landing_roles';
/** Also copied here for review at 375 × 812. */
const REVIEW_DIR = '/tmp/shots-landing';

beforeAll(async () => {
  api = await startApiProcess('e2e_landing_roles');
  phone = await openPhone(SCENARIO);
  fs.mkdirSync(REVIEW_DIR, { recursive: true });
});
afterAll(async () => {
  await phone?.close();
  await api?.stop();
});

const ZHUJIAN_NAME = '县住房和城乡建设局';

async function shoot(page: Page, step: string) {
  const buf = await shotOf(page, SCENARIO, step);
  fs.writeFileSync(path.join(REVIEW_DIR, `${step}.png`), buf);
}

/** Signs in on a fresh phone (its own storage), runs `check` on the landing, then looks at 我的. */
async function asPerson(
  name: string,
  key: string,
  check: (page: Page) => Promise<void>,
  mine?: (page: Page) => Promise<void>,
) {
  const { page, close } = await secondPhone(phone.browser);
  try {
    await signIn(page, api.base, name);
    await check(page);
    await shoot(page, `${key}-1-landing`);
    await page.locator(TAB_BAR).getByText('我的').click();
    await arrive(page, '.mine-logout');
    await seen(page, '.mine-profile__name', name).waitFor();
    // Points, when the card is there, loaded before the picture.
    if (await page.locator('.mine-points').count())
      await page.locator('.mine-points__num').filter({ hasText: /\d/ }).waitFor();
    // Drawn icons on the account rows too.
    expect(await page.locator('.mine-account__icon .nut-icon').count()).toBeGreaterThan(0);
    await mine?.(page);
    await shoot(page, `${key}-2-mine`);
  } finally {
    await close();
  }
}

/** The 我的 doors shown, by their key. */
const doors = async (page: Page) =>
  (await page.locator('.mine-entries__item').evaluateAll((els) => els.map((e) => e.className))).map(
    (c) => /mine-entries__item--(\w+)/.exec(c)?.[1],
  );

test('a resident lands on the menu with her open orders first; 我的 shows no volunteer items', async () => {
  await asPerson(
    '张秀兰',
    'resident',
    async (page) => {
      const work = page.locator('.resident-work');
      await work.locator('.work-row').first().waitFor();
      await settled(work);
      expect(await work.innerText()).toContain('我在办的事');
      // Her work comes before the menu.
      const [workTop, menuTop] = await Promise.all(
        ['.resident-work', '.category-grid'].map(async (s) => (await page.locator(s).boundingBox())!.y),
      );
      expect(workTop).toBeLessThan(menuTop);
    },
    async (page) => {
      await page.locator('.mine-points__num').filter({ hasText: /\d/ }).waitFor();
      expect(await doors(page)).not.toEqual(expect.arrayContaining(['shifts']));
      expect(await doors(page)).not.toContain('hours');
      const card = await page.locator('.mine-points').innerText();
      expect(card).not.toMatch(/尚未评星|服务小时|服务证明/);
      // Drawn icons, not one character on a tile.
      expect(await page.locator('.mine-points__link-icon .nut-icon').count()).toBeGreaterThan(0);
      expect(await page.locator('.mine-points__link-icon').first().innerText()).toBe('');
      expect(await page.locator('.mine-entries__icon .nut-icon').count()).toBe(
        await page.locator('.mine-entries__icon').count(),
      );
    },
  );
});

test('a volunteer lands on his shifts; 我的 has 我的班次 and 服务时长', async () => {
  await asPerson(
    '王志强',
    'volunteer',
    async (page) => {
      const work = page.locator('.volunteer-work');
      await work.locator('.work-row, .work-link').first().waitFor();
      await settled(work);
      expect(await work.innerText()).toContain('我的班次');
    },
    async (page) => {
      await page.locator('.mine-points__star').waitFor();
      expect(await doors(page)).toEqual(expect.arrayContaining(['shifts', 'hours']));
    },
  );
});

test('a department lands on its 工作台: what waits for 报到 and 办结, and its own target’s status after it reported', async () => {
  const staff = await tokenOf(api.base, 'staff');
  const dept = await tokenOf(api.base, 'department');
  const departments = (await apiAs(api.base, staff, 'GET', '/api/v1/whistle-departments')).body.items as {
    id: string;
    name: string;
  }[];
  const zhujian = departments.find((d) => d.name === ZHUJIAN_NAME)!.id;
  const other = departments.find((d) => d.name === '县城市管理局')!.id;
  const blow = async (title: string, targets: string[]) => {
    const res = await apiAs(api.base, staff, 'POST', '/api/v1/whistles', {
      type: 'govToDepartment',
      title,
      urgency: 'urgent',
      category: 'cityManagement',
      description: '社区无法处理，请部门到现场',
      targets: targets.map((orgId) => ({ kind: 'department', orgId })),
    });
    expect(res.status).toBe(200);
    return res.body.id as string;
  };
  const waiting = await blow('落地页测试：3号楼外墙脱落', [zhujian]);
  const answered = await blow('落地页测试：两部门路面塌陷', [zhujian, other]);
  const report = await apiAs(api.base, dept, 'POST', `/api/v1/whistles/${answered}/targets/${zhujian}/report`, {});
  expect(report.status).toBe(200);

  await asPerson('吴伟', 'department', async (page) => {
    const bench = page.locator('.workbench');
    const row = bench.locator('.work-row', { hasText: '3号楼外墙脱落' });
    await row.waitFor();
    await settled(row);
    expect(await page.locator('.home-header__community').innerText()).toBe(ZHUJIAN_NAME);
    expect(await page.locator('.category-grid').count()).toBe(0);
    const tiles = await bench.locator('.work-tiles').innerText();
    expect(tiles).toMatch(/待报到/);
    expect(tiles).toMatch(/待办结/);
    expect(tiles).toMatch(/已超时/);
    expect(await row.innerText()).toContain('待报到');
    // Reported by this department: 已报到 here, though the other department has not reported yet.
    expect(await bench.locator('.work-row', { hasText: '两部门路面塌陷' }).innerText()).toContain('已报到');
    // The tile narrows the list to what waits for 报到.
    await bench.locator('.work-tile', { hasText: '待报到' }).click();
    await bench.locator('.work-section__title', { hasText: '待报到' }).waitFor();
    expect(await bench.locator('.work-row', { hasText: '两部门路面塌陷' }).count()).toBe(0);
    await shoot(page, 'department-0-to-report');
    await bench.locator('.work-tile', { hasText: '待报到' }).click();

    // The whole list shows the department's own status too.
    await bench.locator('.work-section__more', { hasText: '全部吹哨' }).click();
    const card = seen(page, '.whistle-card', '两部门路面塌陷');
    await card.waitFor();
    await settled(card);
    const top = await card.locator('.whistle-card__top').innerText();
    expect(top).toContain('已报到');
    expect(top).not.toContain('待报到');
    await shoot(page, 'department-3-list');
    await page.goBack();
    await arrive(page, '.workbench .work-row', '3号楼外墙脱落');

    // One tap from the landing to the whistle, where 报到 is.
    await seen(page, '.work-row', '3号楼外墙脱落').click();
    await arrive(page, '.whistle-action-report');
    await shoot(page, 'department-4-whistle');
    await page.goBack();
    await arrive(page, '.workbench .work-row', '3号楼外墙脱落');
  });
  expect(waiting).toBeTruthy();
});

test('a street official lands on the 工作台 with the street’s running whistles one tap away', async () => {
  await asPerson('周洋', 'streetAdmin', async (page) => {
    await page.locator('.workbench .work-tiles').waitFor();
    const link = page.locator('.workbench .work-link', { hasText: '本街道各社区在办的吹哨' });
    await link.waitFor();
    await settled(link);
    expect(await page.locator('.category-grid').count()).toBe(0);
  });
});

test('a party member lands on the whistles calling party members, 双报到 and points; 报到 is one tap away', async () => {
  const staff = await tokenOf(api.base, 'staff');
  const start = new Date(Math.ceil((Date.now() + 2 * 24 * 3600 * 1000) / (15 * 60_000)) * 15 * 60_000);
  const end = new Date(start.getTime() + 3 * 3600 * 1000);
  const res = await apiAs(api.base, staff, 'POST', '/api/v1/whistles', {
    type: 'communityToPartyMembers',
    title: '落地页测试：楼道杂物清理',
    urgency: 'urgent',
    category: 'sanitation',
    description: '楼道堆放杂物，召集在职党员周末清理',
    volunteerCall: {
      address: '南门小区东门',
      shift: { start: start.toISOString(), end: end.toISOString(), seats: 10 },
    },
  });
  expect(res.status).toBe(200);

  await asPerson(
    '刘建国',
    'partyMember',
    async (page) => {
      const party = page.locator('.party-work');
      const row = party.locator('.work-row', { hasText: '楼道杂物清理' });
      await row.waitFor();
      await settled(row);
      expect(await row.innerText()).toContain('待报到');
      expect(await page.locator('.home-body').innerText()).toMatch(/我的双报到[\s\S]*学习与积分/);
      await shoot(page, 'partyMember-0-landing');
      await row.click();
      await arrive(page, '.whistle-action-report');
      await shoot(page, 'partyMember-0-whistle');
      await page.goBack();
      await arrive(page, '.party-work .work-row', '楼道杂物清理');
    },
    async (page) => {
      expect(await doors(page)).toContain('registration');
    },
  );
});

test('a grid worker lands on this week’s patrols and the grid’s open items', async () => {
  await asPerson('赵敏', 'gridWorker', async (page) => {
    const grid = page.locator('.grid-work');
    await grid.locator('.work-tile__count').filter({ hasText: /\d/ }).first().waitFor();
    await settled(grid);
    const text = await grid.innerText();
    expect(text).toMatch(/本周巡查/);
    expect(text).toMatch(/待处理发现/);
    expect(text).toMatch(/在办吹哨/);
    await grid.locator('.work-link', { hasText: '记录一次巡查' }).waitFor();
  });
});

test('the other accounts: staff, unit admin, service person, county admin (screenshots)', async () => {
  for (const [name, key] of [
    ['陈静', 'staff'],
    ['郑芳', 'unitAdmin'],
    ['刘明', 'servicePerson'],
    ['冯刚', 'countyAdmin'],
  ] as const) {
    await asPerson(name, key, async (page) => {
      await page.locator('.home .menu-item').first().waitFor();
    });
  }
});
