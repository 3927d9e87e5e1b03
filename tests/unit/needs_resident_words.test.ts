import { allowedNeedActions, nextStatus, residentTimeline, servingName, type NeedEventView } from '@gongzhi/shared';

// The resident's timeline in plain words, and the state machine's new actor (the service person).

let seq = 0;
function ev(action: NeedEventView['action'], extra: Partial<NeedEventView> = {}): NeedEventView {
  seq++;
  return {
    seq,
    action,
    from: null,
    to: 'accepted',
    actor: { id: null, name: null, role: 'staff' },
    at: new Date(Date.UTC(2026, 10, 1, 0, seq)).toISOString(),
    note: null,
    route: null,
    assignee: null,
    rating: null,
    photos: [],
    ...extra,
  };
}

test('a service person is named as residents call them', () => {
  expect(servingName('刘明', 'lawyer')).toBe('刘明律师');
  expect(servingName('王芳', 'doctor')).toBe('王芳医生');
  expect(servingName('周老师', 'teacher')).toBe('周老师');
  expect(servingName('李师傅', 'talent')).toBe('李师傅');
});

test('each step reads as a sentence; staff notes and decline reasons stay out, the result and a rejection reason come through', () => {
  const liu = { id: 'u1', name: '刘明律师' };
  const route = { kind: 'resource' as const, targetId: 'r1', title: '刘明（法律援助律师）' };
  const photo = { id: 'p1', url: '/api/v1/uploads/p1' };
  const lines = residentTimeline([
    ev('submit', { note: '我的描述' }),
    ev('accept', { note: '内部：已核实' }),
    ev('dispatch', { route, assignee: liu, note: '派单对象：资源' }),
    ev('decline', { note: '出庭' }),
    ev('dispatch', { route, assignee: liu }),
    ev('take', { note: '约周六' }),
    ev('complete', { note: '已面谈', photos: [photo] }),
    ev('rate', { rating: { stars: 4, comment: '不错' } }),
  ]);
  expect(lines.map((l) => [l.text, l.detail])).toEqual([
    ['您提交了需求', null],
    ['社区已受理，正在为您安排', null],
    ['已安排 刘明律师 为您服务', null],
    ['社区正在为您重新安排服务人员', null],
    ['已安排 刘明律师 为您服务', null],
    ['刘明律师已接单', null],
    ['服务已完成：已面谈', null],
    ['您评价了 4 星', '不错'],
  ]);
  expect(lines[6].photos).toEqual([photo]);
  expect(JSON.stringify(lines)).not.toMatch(/资源|路由|派单对象|出庭|内部|约周六/);
});

test('other routes and steps: activities, projects, whistles, old events without names, rejection, reopen, auto-close', () => {
  const texts = residentTimeline([
    ev('dispatch', { route: { kind: 'activity', targetId: 'a', title: '美丽家园创卫行' } }),
    ev('dispatch', { route: { kind: 'project', targetId: 'p', title: '楼道照明改造' } }),
    ev('dispatch', { route: { kind: 'whistle', targetId: 'd', title: '县城市管理局' } }),
    ev('dispatch', { route: { kind: 'resource', targetId: 'r', title: null } }),
    ev('start'),
    ev('reject', { note: '请到民政窗口办理' }),
    ev('withdraw'),
    ev('reopen', { note: '回访' }),
    ev('autoClose'),
  ]).map((l) => [l.text, l.detail]);
  expect(texts).toEqual([
    ['已安排志愿者为您服务（美丽家园创卫行）', null],
    ['已纳入公益项目「楼道照明改造」一并办理', null],
    ['社区已请县城市管理局协助办理', null],
    ['社区已安排专人为您服务', null],
    ['已开始为您办理', null],
    ['社区没有受理这项需求', '请到民政窗口办理'],
    ['您撤回了这项需求', null],
    ['社区回访后重新为您办理', null],
    ['服务完成 7 天未评价，已自动结束', null],
  ]);
});

test('the assignee takes, declines and completes; staff do not start a need in a person’s hands', () => {
  expect(allowedNeedActions('routed', { actors: ['assignee'] })).toEqual(['complete', 'take', 'decline']);
  expect(allowedNeedActions('in_progress', { actors: ['assignee'] })).toEqual(['complete', 'decline']);
  expect(allowedNeedActions('routed', { actors: ['handler'], assigned: true })).toEqual(['complete']);
  expect(allowedNeedActions('routed', { actors: ['handler'] })).toEqual(['start', 'complete']);
  expect(nextStatus('routed', 'decline', { actors: ['assignee'] })).toEqual({ ok: true, to: 'accepted' });
  expect(nextStatus('routed', 'take', { actors: ['handler'] })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
});
