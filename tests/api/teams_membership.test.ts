import { startApp, type TestApp } from '../support/app';
import { TeamMembershipModel } from '../../cloud/src/teams/team.model';
import { HELPING_HAND, RED_PATROL, XISHAN_HELPING_HAND, newVolunteer, uid } from './teams_support';

// A volunteer applies to a team; the leader approves, rejects or removes; membership is unique per
// (team, person) even when the same application arrives twice at once.

let t: TestApp;
const auth: Record<string, string> = {};

beforeAll(async () => {
  t = await startApp(__filename);
  for (const who of ['volunteer', 'partyMember', 'resident', 'resident2', 'staff', 'staff2'])
    auth[who] = await t.signIn(who);
});
afterAll(() => t.close());

const join = (who: string, team: string, note = '') =>
  t.http().post(`/api/v1/teams/${team}/join`).set('Authorization', who).send({ note });
const act = (who: string, team: string, person: string, verb: 'approve' | 'reject') =>
  t.http().post(`/api/v1/teams/${team}/members/${person}/${verb}`).set('Authorization', who).send({});

test('the seven teams of the seed report exist in my community, with leaders and my status', async () => {
  const res = await t.http().get('/api/v1/teams').set('Authorization', auth.volunteer);
  expect(res.status).toBe(200);
  expect(res.body.items.map((x: { name: string }) => x.name)).toEqual(
    expect.arrayContaining(['和事佬', '搭把手', '文化先锋', '扶贫帮困', '敬老爱幼', '文明卫士', '红色巡逻']),
  );
  expect(res.body.items).toHaveLength(7);
  const hh = res.body.items.find((x: { id: string }) => x.id === HELPING_HAND);
  expect(hh).toMatchObject({ leader: { name: '王志强' }, memberCount: 1, myMembership: { status: 'active' } });
  expect(hh.station.name).toBe('南门社区新时代文明实践站');
});

test('apply, approve: the applicant becomes a member, is told so, and twin applications make one record', async () => {
  const v = await newVolunteer(t, '申请人甲', '13900000001');
  const [a, b] = await Promise.all([join(v.auth, HELPING_HAND, '会修水电'), join(v.auth, HELPING_HAND, '会修水电')]);
  expect([a.status, b.status]).toEqual([200, 200]);
  expect(a.body.status).toBe('pending');
  expect(await t.db.model(TeamMembershipModel).countDocuments({ personId: v.id })).toBe(1);

  const members = await t.http().get(`/api/v1/teams/${HELPING_HAND}/members`).set('Authorization', auth.volunteer);
  expect(members.status).toBe(200);
  const row = members.body.items.find((m: { personId: string }) => m.personId === v.id);
  expect(row).toMatchObject({ name: '申请人甲', phone: '139****0001', status: 'pending', isLeader: false });

  const ok = await act(auth.volunteer, HELPING_HAND, v.id, 'approve');
  expect(ok.status).toBe(200);
  expect(ok.body.status).toBe('active');
  const mine = await t.http().get('/api/v1/me/teams').set('Authorization', v.auth);
  expect(mine.body.items).toEqual([expect.objectContaining({ status: 'active', isLeader: false })]);
  const inbox = await t.http().get('/api/v1/me/notifications').set('Authorization', v.auth);
  expect(inbox.body.items[0].text).toBe('您已加入「搭把手」志愿队');
  const team = await t.http().get(`/api/v1/teams/${HELPING_HAND}`).set('Authorization', v.auth);
  expect(team.body).toMatchObject({ memberCount: 2, canManage: false, myMembership: { status: 'active' } });
});

test('the leader of one team cannot manage another; a plain member cannot approve', async () => {
  const v = await newVolunteer(t, '申请人乙', '13900000002');
  expect((await join(v.auth, RED_PATROL)).status).toBe(200);
  // 王志强 leads 搭把手, not 红色巡逻.
  expect((await act(auth.volunteer, RED_PATROL, v.id, 'approve')).status).toBe(403);
  expect((await t.http().get(`/api/v1/teams/${RED_PATROL}/members`).set('Authorization', auth.volunteer)).status).toBe(
    403,
  );
  // A plain member of 红色巡逻 cannot approve either.
  const member = await newVolunteer(t, '普通队员', '13900000003');
  await join(member.auth, RED_PATROL);
  expect((await act(auth.partyMember, RED_PATROL, member.id, 'approve')).status).toBe(200);
  expect((await act(member.auth, RED_PATROL, v.id, 'approve')).status).toBe(403);
  // Staff of another community cannot; staff of the team's community can.
  expect((await act(auth.staff2, RED_PATROL, v.id, 'approve')).status).toBe(403);
  expect((await act(auth.staff, RED_PATROL, v.id, 'approve')).status).toBe(200);
});

test('reject and remove notify the person and free them to apply again; the leader cannot be removed', async () => {
  const v = await newVolunteer(t, '申请人丙', '13900000004');
  await join(v.auth, HELPING_HAND);
  const no = await t
    .http()
    .post(`/api/v1/teams/${HELPING_HAND}/members/${v.id}/reject`)
    .set('Authorization', auth.volunteer)
    .send({ reason: '本队人员已满' });
  expect(no.body.status).toBeNull();
  const inbox = await t.http().get('/api/v1/me/notifications').set('Authorization', v.auth);
  expect(inbox.body.items[0].text).toBe('您加入「搭把手」的申请未通过：本队人员已满');

  await join(v.auth, HELPING_HAND);
  await act(auth.volunteer, HELPING_HAND, v.id, 'approve');
  expect((await act(auth.volunteer, HELPING_HAND, v.id, 'reject')).status).toBe(409);
  const out = await t
    .http()
    .delete(`/api/v1/teams/${HELPING_HAND}/members/${v.id}`)
    .set('Authorization', auth.volunteer);
  expect(out.status).toBe(200);
  expect(await t.db.model(TeamMembershipModel).countDocuments({ personId: v.id })).toBe(0);

  const leader = await t
    .http()
    .delete(`/api/v1/teams/${HELPING_HAND}/members/${uid('volunteer')}`)
    .set('Authorization', auth.staff);
  expect(leader.status).toBe(409);
  const leave = await t.http().delete(`/api/v1/teams/${HELPING_HAND}/membership`).set('Authorization', auth.volunteer);
  expect(leave.status).toBe(409);
});

test('one joins only teams of their own community', async () => {
  const res = await join(auth.resident, XISHAN_HELPING_HAND);
  expect(res.status).toBe(403);
  expect(res.body.message).toBe('只能加入本社区的志愿队');
});

test('staff appoint a leader only from the members; the new leader then manages the team', async () => {
  const v = await newVolunteer(t, '新队长', '13900000005');
  const notYet = await t
    .http()
    .patch(`/api/v1/teams/${RED_PATROL}`)
    .set('Authorization', auth.staff)
    .send({ leaderId: v.id });
  expect(notYet.status).toBe(400);
  await join(v.auth, RED_PATROL);
  await act(auth.staff, RED_PATROL, v.id, 'approve');
  expect(
    (await t.http().patch(`/api/v1/teams/${RED_PATROL}`).set('Authorization', auth.staff2).send({ leaderId: v.id }))
      .status,
  ).toBe(403);
  const ok = await t
    .http()
    .patch(`/api/v1/teams/${RED_PATROL}`)
    .set('Authorization', auth.staff)
    .send({ leaderId: v.id, description: '夜间巡逻' });
  expect(ok.status).toBe(200);
  expect(ok.body).toMatchObject({ leader: { id: v.id, name: '新队长' }, description: '夜间巡逻' });
  const asLeader = await t.http().get(`/api/v1/teams/${RED_PATROL}`).set('Authorization', v.auth);
  expect(asLeader.body.canManage).toBe(true);
  // The old leader no longer manages it.
  const old = await t.http().get(`/api/v1/teams/${RED_PATROL}/members`).set('Authorization', auth.partyMember);
  expect(old.status).toBe(403);
});
