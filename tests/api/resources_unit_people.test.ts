import { Types } from 'mongoose';
import { startApp, type TestApp } from '../support/app';
import { OrgModel } from '../../cloud/src/org/org.model';
import { UnitModel } from '../../cloud/src/org/unit.model';
import { ResourceModel } from '../../cloud/src/resources/resource.model';
import { seedId } from '../../cloud/src/core/stable-id';
import { CHENGGUAN, addUser, seedDemoResources } from './resources_support';

// 本单位服务人员 › 添加人员: a unit admin has no community of their own, so a person (律师、医生…) added
// without a place goes where the unit already serves, or to the first open community of its street.
let t: TestApp;
let lawFirm: string, hospital: string, staff: string, resident: string;
const LAW_FIRM = seedId('unit:东城律师事务所');
const lawyer = { kind: 'lawyer', name: '刘明', skills: ['婚姻家事', '劳动争议'], categoryCodes: ['legalAid'] };

beforeAll(async () => {
  t = await startApp(__filename);
  await seedDemoResources(t);
  await t.db
    .model(UnitModel)
    .create({ _id: LAW_FIRM, name: '东城律师事务所', streetId: CHENGGUAN, kind: '律师事务所' });
  [lawFirm, hospital, staff, resident] = await Promise.all([
    addUser(t, { account: 'lawFirmAdmin', roles: ['unitAdmin'], unit: '东城律师事务所' }),
    t.signIn('unitAdmin'),
    t.signIn('staff'),
    t.signIn('resident'),
  ]);
});
afterAll(() => t.close());

const post = (who: string, body: object) => t.http().post('/api/v1/resources').set('Authorization', who).send(body);

test("a new unit's first person goes to the first open community of its street, the next where the unit serves", async () => {
  const communities = await t.db
    .model(OrgModel)
    .find({ kind: 'community', ancestors: new Types.ObjectId(CHENGGUAN), active: { $ne: false } }, { name: 1 })
    .lean();
  const first = communities
    .map((c) => ({ id: String(c._id), name: c.name }))
    .sort((a, b) => (a.name < b.name ? -1 : 1))[0];

  const made = await post(lawFirm, lawyer);
  expect(made.status).toBe(200);
  expect(made.body).toMatchObject({
    kind: 'lawyer',
    name: '刘明',
    unit: { id: String(LAW_FIRM), name: '东城律师事务所' },
    community: first,
    place: { streetId: CHENGGUAN, communityId: first.id },
    canManage: true,
  });

  // The hospital serves 南门社区 already: its new doctor goes there, not to the street's first community.
  const doctor = await post(hospital, { kind: 'doctor', name: '陈卫东（中医师）' });
  expect(doctor.status).toBe(200);
  expect(doctor.body.community).toEqual({ id: String(seedId('org:community:nanmen')), name: '南门社区' });

  // Listed on the unit's own page (managed), with no account yet.
  const mine = await t.http().get('/api/v1/resources?managed=true&pageSize=100').set('Authorization', lawFirm);
  expect(mine.body.items.map((r: { name: string; hasAccount: boolean }) => [r.name, r.hasAccount])).toEqual([
    ['刘明', false],
  ]);
});

test('a unit whose street has no open community is told to choose a place', async () => {
  const street = await t.db.model(OrgModel).create({ kind: 'street', name: '空街道', parentId: null, ancestors: [] });
  const empty = await t.db
    .model(UnitModel)
    .create({ _id: seedId('unit:空单位'), name: '空单位', streetId: street._id, kind: '企业' });
  const admin = await addUser(t, { account: 'emptyUnitAdmin', roles: ['unitAdmin'], unit: '空单位' });
  const res = await post(admin, lawyer);
  expect(res.status).toBe(400);
  expect(res.body.fields[0]).toEqual({ path: 'body.placeId', message: '请选择资源所在的社区、小区或楼栋' });
  expect(await t.db.model(ResourceModel).countDocuments({ unitId: empty._id })).toBe(0);
});

test('residents cannot add people, nor can staff add them to a unit', async () => {
  expect((await post(resident, lawyer)).status).toBe(403);
  expect((await post(staff, { ...lawyer, unitId: String(LAW_FIRM) })).status).toBe(403);
});
