import { POINTS_KIND_LABELS, pointsEntryLines } from '@gongzhi/shared';

// A points entry reads as what it was for, with its kind once: the walk-through found
// “参加学习 · 参加学习” (the kind as the title and again in the detail line).

const line = (kind: keyof typeof POINTS_KIND_LABELS, note: string) =>
  pointsEntryLines({ label: POINTS_KIND_LABELS[kind], note });

test('a note that is only the kind is the title alone', () => {
  expect(line('studySession', '参加学习')).toEqual({ title: '参加学习', detail: null });
  expect(line('patrol', '网格巡查')).toEqual({ title: '网格巡查', detail: null });
  expect(line('studySession', '')).toEqual({ title: '参加学习', detail: null });
});

test('a note with a topic shows the topic, and the kind once below', () => {
  expect(line('studySession', '参加学习 · 两会精神学习')).toEqual({ title: '两会精神学习', detail: '参加学习' });
  expect(line('whistleResponse', '响应吹哨 · 南门小区路灯抢修')).toEqual({
    title: '南门小区路灯抢修',
    detail: '响应吹哨',
  });
  expect(line('hoursServed', '服务时长 · 文明交通引导')).toEqual({ title: '文明交通引导', detail: '志愿服务' });
  expect(line('redemption', '兑换 · 环保购物袋')).toEqual({ title: '环保购物袋', detail: '积分兑换' });
  expect(line('hoursServed', '服务时长更正（第 1 次）')).toEqual({
    title: '服务时长更正（第 1 次）',
    detail: '志愿服务',
  });
});

test('no entry repeats its words: the title and the detail always differ', () => {
  for (const kind of Object.keys(POINTS_KIND_LABELS) as (keyof typeof POINTS_KIND_LABELS)[]) {
    const label = POINTS_KIND_LABELS[kind];
    for (const note of [label, `${label} · ${label}`, `${label} · 主题`, '']) {
      const { title, detail } = line(kind, note);
      expect(title).not.toBe(detail);
      expect(`${title} · ${detail}`).not.toContain(`${label} · ${label}`);
    }
  }
});
