import { residentTimeline, type NeedEventView } from '@gongzhi/shared';
import type { TestApp } from '../support/app';
import { NotificationModel } from '../../cloud/src/notifications/notification.model';
import { seedId } from '../../cloud/src/core/stable-id';
import { act, order } from './needs_support';

// Shared by the needs_service_person* files: 刘明 (demo account servicePerson) is 县司法局's lawyer,
// the person behind the resource justice-lawyer-liu, serving 南门社区.

export const LIU_RESOURCE = String(seedId('resource:justice-lawyer-liu'));
export const LIU = String(seedId('user:servicePerson'));

/** A 法律咨询 order by the resident, accepted by staff and dispatched to 刘明 in person. */
export async function dispatchedToLiu(t: TestApp, resident: string, staff: string, note?: string): Promise<string> {
  const { id } = await order(t, resident);
  expect((await act(t, staff, id, 'accept')).status).toBe(200);
  const res = await act(t, staff, id, 'dispatch', {
    kind: 'resource',
    targetId: LIU_RESOURCE,
    ...(note ? { note } : {}),
  });
  expect(res.status).toBe(200);
  return id;
}

export function serving(t: TestApp, who: string, query: Record<string, string | number> = {}) {
  return t.http().get('/api/v1/needs/serving').query(query).set('Authorization', who);
}

/** What the resident's need page says, line by line. */
export function residentLines(timeline: NeedEventView[]): string[] {
  return residentTimeline(timeline).map((l) => l.text);
}

/** The messages about a need: [recipient, kind, text], sorted. */
export async function messagesOf(t: TestApp, needId: string, kind?: string) {
  const rows = await t.db
    .model(NotificationModel)
    .find({ 'refs.needId': needId, ...(kind ? { kind } : {}) })
    .lean();
  return rows.map((n) => [String(n.userId), n.kind, n.text]).sort();
}
