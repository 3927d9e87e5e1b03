import { startApp, type TestApp } from '../support/app';
import { seedId } from '../../cloud/src/core/stable-id';
import { MenuItemModel } from '../../cloud/src/menu/menu-item.model';

let t: TestApp;
let staff: string;
beforeAll(async () => {
  t = await startApp(__filename);
  staff = await t.signIn('staff');
});
afterAll(() => t.close());

const base = {
  categoryCode: 'sanitation',
  name: '垃圾分类指导',
  summary: '志愿者上门讲解垃圾分类',
  description: '“美丽家园创卫行”志愿者上门讲解垃圾分类。',
  resourceKinds: ['volunteer'],
  timeLimits: { acceptHours: 24, completeHours: 72 },
};
const text = (code: string, order = 1) => ({ code, label: '说明', type: 'string', required: false, order });
const choice = (code: string, options: { key: string; label: string }[], type = 'singleChoice') => ({
  code,
  label: '选择',
  type,
  required: true,
  order: 1,
  options,
});

type Fields = { path: string; message: string }[];
async function refused(body: unknown): Promise<Fields> {
  const before = await t.db.model(MenuItemModel).countDocuments();
  const res = await t
    .http()
    .post('/api/v1/menu/items')
    .set('Authorization', staff)
    .send(body as object);
  expect(res.status).toBe(400);
  expect(res.body.code).toBe('VALIDATION_FAILED');
  expect(await t.db.model(MenuItemModel).countDocuments()).toBe(before); // nothing half-written
  for (const f of res.body.fields as Fields) expect(f.message).toMatch(/[\u4e00-\u9fa5]/);
  return res.body.fields;
}
const paths = (fields: Fields) => fields.map((f) => f.path);

test('a choice field needs at least two options', async () => {
  expect(paths(await refused({ ...base, fields: [choice('size', [{ key: 'a', label: '甲' }])] }))).toEqual([
    'body.fields.0.options',
  ]);
  expect(
    paths(await refused({ ...base, fields: [{ ...choice('size', []), type: 'multiChoice', options: undefined }] })),
  ).toEqual(['body.fields.0.options']);
});

test('option keys are unique within a field', async () => {
  const fields = [
    choice(
      'size',
      [
        { key: 'a', label: '甲' },
        { key: 'a', label: '乙' },
      ],
      'multiChoice',
    ),
  ];
  expect(paths(await refused({ ...base, fields }))).toEqual(['body.fields.0.options.1.key']);
});

test('field codes are unique within an item', async () => {
  expect(paths(await refused({ ...base, fields: [text('note'), text('note', 2)] }))).toEqual(['body.fields.1.code']);
});

test('an item has at most 20 fields', async () => {
  const fields = Array.from({ length: 21 }, (_, i) => text(`f${i}`, i));
  const f = await refused({ ...base, fields });
  expect(f).toEqual([{ path: 'body.fields', message: '附加填写项目最多 20 个' }]);
});

test('options on a non-choice field, an unknown type, a bad code and unknown keys are refused', async () => {
  expect(
    paths(
      await refused({
        ...base,
        fields: [
          {
            ...text('note'),
            options: [
              { key: 'a', label: '甲' },
              { key: 'b', label: '乙' },
            ],
          },
        ],
      }),
    ),
  ).toEqual(['body.fields.0.options']);
  expect(paths(await refused({ ...base, fields: [{ ...text('note'), type: 'photo' }] }))).toEqual([
    'body.fields.0.type',
  ]);
  expect(paths(await refused({ ...base, fields: [text('1st')] }))).toEqual(['body.fields.0.code']);
  expect(paths(await refused({ ...base, fields: [{ ...text('note'), hidden: true }] }))).toEqual(['body.fields.0']);
  expect(
    paths(
      await refused({
        ...base,
        fields: [
          choice('c', [
            { key: 'a', label: '甲', color: 'red' },
            { key: 'b', label: '乙' },
          ]),
        ],
      }),
    ),
  ).toEqual(['body.fields.0.options.0']);
});

test('the item itself: category, time limits, resource kinds, name and unknown fields', async () => {
  expect(paths(await refused({ ...base, categoryCode: 'parking' }))).toEqual(['body.categoryCode']);
  expect(paths(await refused({ ...base, timeLimits: { acceptHours: 0, completeHours: 1.5 } }))).toEqual([
    'body.timeLimits.acceptHours',
    'body.timeLimits.completeHours',
  ]);
  expect(paths(await refused({ ...base, resourceKinds: ['volunteer', 'volunteer'] }))).toEqual(['body.resourceKinds']);
  expect(paths(await refused({ ...base, resourceKinds: ['robot'] }))).toEqual(['body.resourceKinds.0']);
  expect(paths(await refused({ ...base, name: '' }))).toEqual(['body.name']);
  expect(paths(await refused({ ...base, active: false }))).toEqual(['body']);
  expect(paths(await refused({ ...base, communityId: 'nanmen' }))).toEqual(['body.communityId']);
});

test('MongoDB operators anywhere in the body are refused', async () => {
  expect(paths(await refused({ ...base, name: { $gt: '' } }))).toEqual(['body.name.$gt']);
  expect(paths(await refused({ ...base, fields: [{ ...text('note'), 'help.x': 'y' }] }))).toEqual([
    'body.fields.0.help.x',
  ]);
});

test('an update needs at least one change and is validated like a create; a bad update writes nothing', async () => {
  const id = String(seedId('menu:elder-meal'));
  const empty = await t.http().patch(`/api/v1/menu/items/${id}`).set('Authorization', staff).send({});
  expect(empty.status).toBe(400);
  expect(empty.body.fields).toEqual([{ path: 'body', message: '请至少修改一项' }]);

  const bad = await t
    .http()
    .patch(`/api/v1/menu/items/${id}`)
    .set('Authorization', staff)
    .send({ name: '新名字', fields: [choice('x', [{ key: 'only', label: '唯一' }])] });
  expect(bad.status).toBe(400);
  expect(paths(bad.body.fields)).toEqual(['body.fields.0.options']);
  const item = await t.db.model(MenuItemModel).findById(id).lean();
  expect(item?.name).toBe('老年助餐');

  const moved = await t
    .http()
    .patch(`/api/v1/menu/items/${id}`)
    .set('Authorization', staff)
    .send({ communityId: null });
  expect(moved.status).toBe(400);
});

test('staff cannot make county defaults; a street admin must name the community', async () => {
  const county = await t
    .http()
    .post('/api/v1/menu/items')
    .set('Authorization', staff)
    .send({ ...base, communityId: null });
  expect(county.status).toBe(403);
  expect(county.body.code).toBe('FORBIDDEN');

  const street = await t
    .http()
    .post('/api/v1/menu/items')
    .set('Authorization', await t.signIn('streetAdmin'))
    .send(base);
  expect(street.status).toBe(400);
  expect(street.body.fields).toEqual([{ path: 'body.communityId', message: '请选择社区' }]);
});

test('an unknown item answers 404; a bad query parameter 400', async () => {
  const res = await t
    .http()
    .patch(`/api/v1/menu/items/${'0'.repeat(24)}`)
    .set('Authorization', staff)
    .send({ name: '不存在的' });
  expect(res.status).toBe(404);
  const q = await t.http().get('/api/v1/menu/items?includeInactive=maybe').set('Authorization', staff);
  expect(q.status).toBe(400);
  expect(q.body.fields[0].path).toBe('query.includeInactive');
});
