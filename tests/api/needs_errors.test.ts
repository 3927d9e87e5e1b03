import {
  NEED_ACTIONS,
  NEED_ACTION_LABELS,
  NEED_STATUS_LABELS,
  NEED_TRANSITIONS,
  type NeedStatus,
} from '@gongzhi/shared';
import { startApp, type TestApp } from '../support/app';
import { NeedEventModel } from '../../cloud/src/needs/need-event.model';
import { NeedModel } from '../../cloud/src/needs/need.model';
import {
  BUILDING1,
  TUTOR,
  CLINIC,
  XISHAN_BUILDING,
  XISHAN_ITEM,
  act,
  legalOrder,
  order,
  target,
} from './needs_support';

let t: TestApp;
let resident: string;
let staff: string;
beforeAll(async () => {
  t = await startApp(__filename);
  resident = await t.signIn('resident');
  staff = await t.signIn('staff');
});
afterAll(() => t.close());

const counts = async () => ({
  needs: await t.db.model(NeedModel).countDocuments(),
  events: await t.db.model(NeedEventModel).countDocuments(),
});

const post = (body: unknown) =>
  t
    .http()
    .post('/api/v1/needs')
    .set('Authorization', resident)
    .send(body as object);

/** A need brought to `status` by the regular endpoints. */
async function needIn(status: NeedStatus): Promise<string> {
  const { id } = await order(t, resident);
  const steps: Record<NeedStatus, [string, string, object][]> = {
    submitted: [],
    accepted: [['accept', staff, {}]],
    rejected: [['reject', staff, { reason: '重复提交' }]],
    withdrawn: [['withdraw', resident, {}]],
    routed: [
      ['accept', staff, {}],
      ['dispatch', staff, { kind: 'resource', targetId: await target(t, 'resources') }],
    ],
    in_progress: [],
    done: [],
    closed: [],
  };
  steps.in_progress = [...steps.routed, ['start', staff, {}]];
  steps.done = [...steps.in_progress, ['complete', staff, {}]];
  steps.closed = [...steps.done, ['rate', resident, { stars: 4 }]];
  for (const [action, who, body] of steps[status]) {
    const res = await act(t, who, id, action, body);
    if (res.status !== 200) throw new Error(`${action}: ${JSON.stringify(res.body)}`);
  }
  return id;
}

const validBody: Record<string, object> = {
  reject: { reason: '原因' },
  dispatch: { kind: 'project', targetId: '' },
  rate: { stars: 2 },
};

test('every action outside its allowed statuses is a 409 INVALID_TRANSITION in Chinese, and writes nothing', async () => {
  const project = await target(t, 'projects');
  validBody.dispatch = { kind: 'project', targetId: project };
  const statuses = Object.keys(NEED_STATUS_LABELS) as NeedStatus[];
  let checked = 0;
  for (const status of statuses) {
    const id = await needIn(status);
    for (const action of NEED_ACTIONS) {
      const rule = NEED_TRANSITIONS[action];
      // take / decline are the service person's own (needs_service_person*.test.ts checks them).
      if (action === 'autoClose' || rule.from.includes(status) || !rule.by.some((a) => a !== 'assignee')) continue;
      const who = rule.by.includes('owner') ? resident : staff;
      const before = await counts();
      const res = await act(t, who, id, action, validBody[action] ?? {});
      expect({ status, action, code: res.status, body: res.body.code, message: res.body.message }).toEqual({
        status,
        action,
        code: 409,
        body: 'INVALID_TRANSITION',
        message: `${NEED_STATUS_LABELS[status]}的需求不能${NEED_ACTION_LABELS[action]}`,
      });
      expect(await counts()).toEqual(before);
      checked++;
    }
  }
  expect(checked).toBeGreaterThan(40);
});

test('a closed need rated 3 stars or more cannot be reopened', async () => {
  const id = await needIn('closed'); // rated 4
  const res = await act(t, resident, id, 'reopen');
  expect(res.status).toBe(409);
  expect(res.body.message).toBe('只有 2 星及以下的评价可以回访重办');
});

test('owner-only actions by staff who can see the need are 403 with who may do it', async () => {
  const gridWorker = await t.signIn('gridWorker'); // handles 南门第一网格, where 南门小区 is
  const id = await needIn('submitted');
  const res = await act(t, gridWorker, id, 'withdraw');
  expect(res.status).toBe(403);
  expect(res.body).toMatchObject({ code: 'FORBIDDEN', message: '只有下单人可以撤回' });
  const done = await needIn('done');
  const rate = await act(t, gridWorker, done, 'rate', { stars: 5 });
  expect(rate.status).toBe(403);
  expect(rate.body.message).toBe('只有下单人可以评价');
});

test('reject without a reason, bad stars, or a dispatch to nothing are 400 and write nothing', async () => {
  const id = await needIn('submitted');
  const before = await counts();

  const noReason = await act(t, staff, id, 'reject', {});
  expect(noReason.status).toBe(400);
  expect(noReason.body.fields).toEqual([{ path: 'body.reason', message: '请填写驳回原因' }]);
  const blank = await act(t, staff, id, 'reject', { reason: '   ' });
  expect(blank.body.fields).toEqual([{ path: 'body.reason', message: '请填写驳回原因' }]);

  await act(t, staff, id, 'accept');
  const accepted = await counts();
  for (const body of [
    { kind: 'resource', targetId: '0123456789abcdef01234567' },
    { kind: 'whistle', targetId: BUILDING1 }, // an org, but not a department
    { kind: 'rocket', targetId: BUILDING1 },
    { kind: 'resource' },
  ]) {
    const res = await act(t, staff, id, 'dispatch', body);
    expect({ body, status: res.status, code: res.body.code }).toEqual({ body, status: 400, code: 'VALIDATION_FAILED' });
  }
  const missing = await act(t, staff, id, 'dispatch', { kind: 'resource', targetId: '0123456789abcdef01234567' });
  expect(missing.body.fields).toEqual([{ path: 'body.targetId', message: '没有找到派单对象' }]);
  expect(await counts()).toEqual(accepted);
  expect(accepted.events).toBe(before.events + 1);

  const done = await needIn('done');
  for (const stars of [0, 6, 2.5, '5']) {
    const res = await act(t, resident, done, 'rate', { stars });
    expect({ stars, status: res.status }).toEqual({ stars, status: 400 });
  }
  expect(JSON.stringify((await act(t, resident, done, 'rate', { stars: 0 })).body.fields)).toContain('请选择 1–5 星');
});

test("answers are checked against the item's fields: required, type, choice keys, unknown codes", async () => {
  const before = await counts();
  const cases: [object, string, string][] = [
    [legalOrder({ answers: { way: 'visit' } }), 'body.answers.topic', '请填写“咨询事项”'],
    [legalOrder({ answers: { topic: 'divorce', way: 'visit' } }), 'body.answers.topic', '“咨询事项”的选项无效'],
    [
      legalOrder({ answers: { topic: 'housing', way: 'visit', colour: 'red' } }),
      'body.answers.colour',
      '该服务项目没有这个填写项',
    ],
    [legalOrder({ answers: { topic: ['housing'], way: 'visit' } }), 'body.answers.topic', '“咨询事项”的选项无效'],
    [
      legalOrder({ menuItemId: TUTOR, answers: { grade: 4, subjects: ['math'] } }),
      'body.answers.grade',
      '“孩子年级”应填写文字',
    ],
    [
      legalOrder({ menuItemId: TUTOR, answers: { grade: '四年级', subjects: ['math', 'art'] } }),
      'body.answers.subjects',
      '“需要辅导的科目”的选项无效',
    ],
    [
      legalOrder({ menuItemId: TUTOR, answers: { grade: '四年级', subjects: [] } }),
      'body.answers.subjects',
      '请填写“需要辅导的科目”',
    ],
    [
      legalOrder({ menuItemId: TUTOR, answers: { grade: '四年级', subjects: ['math', 'math'] } }),
      'body.answers.subjects',
      '“需要辅导的科目”的选项重复',
    ],
    [legalOrder({ menuItemId: CLINIC, answers: { age: '七十' } }), 'body.answers.age', '“年龄”应填写数字'],
    [
      legalOrder({ menuItemId: CLINIC, answers: { preferredTime: '明天上午' } }),
      'body.answers.preferredTime',
      '“希望上门时间”应填写日期时间',
    ],
    [
      legalOrder({ menuItemId: null, otherText: '想找人修自行车', answers: { topic: 'housing' } }),
      'body.answers.topic',
      '该服务项目没有这个填写项',
    ],
  ];
  for (const [body, path, message] of cases) {
    const res = await post(body);
    expect({ path, status: res.status, fields: res.body.fields }).toEqual({
      path,
      status: 400,
      fields: expect.arrayContaining([{ path, message }]),
    });
  }
  // The optional ones may be left out; a good answer set passes.
  const ok = await post(
    legalOrder({ menuItemId: CLINIC, answers: { age: 72, preferredTime: '2026-12-01T09:00:00+08:00' } }),
  );
  expect(ok.status).toBe(200);
  expect(ok.body.answers).toEqual({ age: 72, preferredTime: '2026-12-01T09:00:00+08:00' });
  expect(await counts()).toEqual({ needs: before.needs + 1, events: before.events + 1 });
});

test('the order itself: item, place, 其他 text, photos and on-behalf ordering are checked', async () => {
  const before = await counts();
  const cases: [object, number, string, string][] = [
    [legalOrder({ menuItemId: XISHAN_ITEM, answers: {} }), 400, 'body.menuItemId', '本社区没有这个服务项目'],
    [legalOrder({ menuItemId: '0123456789abcdef01234567' }), 400, 'body.menuItemId', '本社区没有这个服务项目'],
    [legalOrder({ placeId: XISHAN_BUILDING }), 400, 'body.placeId', '请选择本社区的小区或楼栋'],
    [legalOrder({ placeId: '0123456789abcdef01234567' }), 400, 'body.placeId', '请选择所在的小区或楼栋'],
    [legalOrder({ menuItemId: null, answers: {} }), 400, 'body.otherText', '没有选择服务项目时，请写下您的需求'],
    [legalOrder({ otherText: '顺便问问' }), 400, 'body.otherText', '选择了服务项目时不需要填写“其他需求”'],
    [legalOrder({ photos: ['0123456789abcdef01234567'] }), 400, 'body.photos.0', '没有找到这张照片，请重新上传'],
    [legalOrder({ photos: Array(10).fill('0123456789abcdef01234567') }), 400, 'body.photos', '照片最多 9 张'],
    [legalOrder({ contactPhone: '12345' }), 400, 'body.contactPhone', '请输入 11 位手机号'],
    [legalOrder({ description: '' }), 400, 'body.description', '请描述您的需求'],
    [legalOrder({ preferredTime: 'tomorrow' }), 400, 'body.preferredTime', '时间格式不正确'],
  ];
  for (const [body, status, path, message] of cases) {
    const res = await post(body);
    expect({ path, status: res.status, fields: res.body.fields }).toEqual({
      path,
      status,
      fields: expect.arrayContaining([{ path, message }]),
    });
  }
  const onBehalf = await post(legalOrder({ onBehalfOf: { name: '王奶奶', phone: '13900001111' } }));
  expect(onBehalf.status).toBe(403);
  expect(onBehalf.body.message).toBe('只有网格员可以代居民下单');
  expect(await counts()).toEqual(before);
});

test('MongoDB operators and unknown fields are refused anywhere in body and query, with nothing written', async () => {
  const before = await counts();
  for (const body of [
    legalOrder({ description: { $gt: '' } }),
    legalOrder({ placeId: { $ne: null } }),
    legalOrder({ answers: { $where: 'sleep(1000)' } }),
    legalOrder({ answers: { 'topic.x': 'housing', way: 'visit' } }),
    legalOrder({ menuItemId: { $in: [TUTOR] } }),
    legalOrder({ status: 'done' }),
    legalOrder({ owner: '0123456789abcdef01234567' }),
  ]) {
    const res = await post(body);
    expect({ body, status: res.status, code: res.body.code }).toEqual({ body, status: 400, code: 'VALIDATION_FAILED' });
  }
  const id = await needIn('submitted');
  const mid = await counts();
  const bad = await act(t, staff, id, 'accept', { note: { $set: { status: 'done' } } });
  expect(bad.status).toBe(400);
  const extra = await act(t, staff, id, 'accept', { note: 'ok', status: 'done' });
  expect(extra.status).toBe(400);
  expect(extra.body.fields[0].message).toContain('不允许的字段');
  expect(await counts()).toEqual(mid);
  expect(mid.events).toBe(before.events + 1);

  for (const q of [
    'status[$ne]=x',
    'status=$where',
    'gridId[$gt]=',
    'overdue=maybe',
    'from=yesterday',
    'sort=price',
    'pageSize=1000',
    'owner=me',
  ]) {
    const res = await t.http().get(`/api/v1/needs?${q}`).set('Authorization', staff);
    expect({ q, status: res.status }).toEqual({ q, status: 400 });
  }
  const badId = await t.http().get('/api/v1/needs/not-an-id').set('Authorization', staff);
  expect(badId.status).toBe(400);
  expect(badId.body.fields).toEqual([{ path: 'params.id', message: '编号格式不正确' }]);
});

test('其他 (no menu item) takes the free text and the default 24 h / 168 h limits', async () => {
  const res = await post(legalOrder({ menuItemId: null, otherText: '楼下路灯坏了', answers: {} }));
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({
    title: '楼下路灯坏了',
    otherText: '楼下路灯坏了',
    categoryCode: 'other',
    menuItem: null,
  });
  const hours = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 3600_000;
  expect(hours(res.body.submittedAt, res.body.dueAcceptAt)).toBe(24);
  const accepted = await act(t, staff, res.body.id, 'accept');
  expect(hours(accepted.body.acceptedAt, accepted.body.dueCompleteAt)).toBe(168);
});
