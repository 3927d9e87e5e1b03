import { ageOn, localDateOf } from '@gongzhi/shared';
import { startApp, type TestApp } from '../support/app';
import { member, rosterApi } from './rosters_support';
import { idNumber as idOf } from './imports_support';

// Correcting a party member: each field changes the dashboard's figures as it should, the change is an
// insert-only event (who, when, from → to, why) with personal values masked, and every answer is an
// audited read of the member's data.
let t: TestApp;
let api: ReturnType<typeof rosterApi>;
beforeAll(async () => {
  t = await startApp(__filename, { SEED_DEMO: 'full' });
  api = rosterApi(t);
});
afterAll(() => t.close());

const path = (g: number, what = 'correct') => `/api/v1/rosters/party-members/${member(g)}/${what}`;

test('a young member corrected to 60 years old and mobile moves the 50+ and mobile figures by one each', async () => {
  // Find a 南门 member under 50 who is not mobile.
  const list = await api.get('staff', '/api/v1/party/members?pageSize=100');
  const young = list.body.items.find((m: { age: number; mobile: boolean }) => m.age < 45 && !m.mobile);
  const g = Number([...Array(105).keys()].find((i) => member(i) === young.id));
  const before = await api.overview('staff');
  const today = localDateOf(new Date());
  const birthDate = `${Number(today.slice(0, 4)) - 61}-01-01`;

  const res = await api.post('staff', path(g), { birthDate, mobile: true, reason: '核对户口本，出生年份录错' });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ age: ageOn(birthDate, today), mobile: true, category: 'C', computedCategory: 'C' });

  const after = await api.overview('staff');
  expect(after.partyMembers.total).toBe(before.partyMembers.total);
  expect(after.partyMembers.aged50Plus).toBe(before.partyMembers.aged50Plus + 1);
  expect(after.partyMembers.mobile).toBe(before.partyMembers.mobile + 1);

  const history = await api.get('staff', path(g, 'history'));
  expect(history.status).toBe(200);
  expect(history.body.items).toEqual([
    expect.objectContaining({
      action: 'correct',
      actionLabel: '修改',
      actorName: '陈静',
      via: 'manual',
      reason: '核对户口本，出生年份录错',
      changes: expect.arrayContaining([
        { field: 'birthDate', label: '出生日期', from: expect.any(String), to: birthDate },
        { field: 'mobile', label: '流动党员', from: '否', to: '是' },
      ]),
    }),
  ]);
});

test('name, phone and ID number are corrected through the cipher and shown masked in the history', async () => {
  const g = 20;
  const idNumber = idOf('19800101', 2);
  const res = await api.post('staff', path(g), {
    name: '王建设',
    phone: '13912345678',
    idNumber: idNumber.toLowerCase(),
    reason: '身份证号和姓名录入有误',
  });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({
    nameMasked: '王*设',
    phoneMasked: '139****5678',
    idNumberMasked: `110105********${idNumber.slice(-4)}`,
  });
  expect(res.body.birthDate).toBe('1980-01-01');
  const raw = JSON.stringify(await t.db.connection.collection('rosterEvents').find({}).toArray());
  expect(raw).not.toContain('王建设');
  expect(raw).not.toContain(idNumber);
  expect(raw).not.toContain('13912345678');

  const reveal = await api.post('staff', `/api/v1/party/members/${member(g)}/reveal`);
  expect(reveal.body).toMatchObject({ name: '王建设', idNumber, phone: '13912345678' });

  const history = await api.get('staff', path(g, 'history'));
  const changes = history.body.items[0].changes;
  expect(changes).toEqual(
    expect.arrayContaining([
      { field: 'name', label: '姓名', from: expect.stringMatching(/^.\*+.?$/), to: '王*设' },
      { field: 'phone', label: '手机号', from: expect.stringContaining('****'), to: '139****5678' },
      {
        field: 'idNumber',
        label: '身份证号',
        from: expect.stringMatching(/^510123\*{8}/),
        to: `110105********${idNumber.slice(-4)}`,
      },
    ]),
  );
  // Every answer about the member was an audited read.
  const vias = (await t.db.connection.collection('audit').find({}).toArray()).map((a) => a.via);
  expect(vias).toEqual(expect.arrayContaining(['party:correct', 'party:history', 'party:reveal']));
});

test('an ID number another member holds is refused; nothing to change records nothing', async () => {
  const reveal = await api.post('staff', `/api/v1/party/members/${member(21)}/reveal`);
  const taken = await api.post('staff', path(22), { idNumber: reveal.body.idNumber, reason: '核对身份证' });
  expect(taken.status).toBe(409);
  expect(taken.body.message).toContain('另一名党员');
  const bad = await api.post('staff', path(22), {
    idNumber: idOf('19800101', 3).slice(0, 17) + (idOf('19800101', 3).endsWith('0') ? '1' : '0'),
    reason: '核对身份证',
  });
  expect(bad.status).toBe(400);
  expect(bad.body.fields[0]).toMatchObject({ path: 'body.idNumber', message: '身份证号校验位不对，请核对是否抄错' });
  const nothing = await api.post('staff', path(22), { reason: '只写了原因' });
  expect(nothing.status).toBe(400);
  const noReason = await api.post('staff', path(22), { mobile: true });
  expect(noReason.body.fields[0]).toMatchObject({ path: 'body.reason' });

  const same = await api.get('staff', `/api/v1/party/members/${member(22)}`);
  const again = await api.post('staff', path(22), { employment: same.body.employment, reason: '重复提交' });
  expect(again.status).toBe(200);
  expect((await api.get('staff', path(22, 'history'))).body.items).toEqual([]);
});

test('naming a category overrides the rule; naming the computed one clears the override', async () => {
  const g = 30;
  const m = (await api.get('staff', `/api/v1/party/members/${member(g)}`)).body;
  const other = m.computedCategory === 'D' ? 'B' : 'D';
  const set = await api.post('staff', path(g), { category: other, reason: '长期外出照顾病人' });
  expect(set.body).toMatchObject({ category: other, computedCategory: m.computedCategory });
  const back = await api.post('staff', path(g), { category: m.computedCategory, reason: '情况已恢复' });
  expect(back.body.category).toBe(m.computedCategory);
  const history = (await api.get('staff', path(g, 'history'))).body.items;
  expect(history.map((e: { changes: { field: string }[] }) => e.changes.map((c) => c.field))).toEqual([
    ['category'],
    ['category'],
  ]);
});
