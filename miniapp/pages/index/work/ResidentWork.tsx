import {
  BOOKING_STATUS_LABELS,
  NEED_OPEN_STATUSES,
  NEED_STATUS_LABELS,
  api,
  type BookingView,
  type NeedSummary,
} from '@gongzhi/shared';
import { call } from '../../../services/api';
import { useRemote } from '../../../hooks/useRemote';
import { StatusPill, whenText } from '../../../components/ResidentKit';
import { WorkRow, WorkSection } from './WorkKit';

async function load() {
  const [needs, bookings] = await Promise.all([
    call(api.needs.listMyNeeds, { query: { pageSize: 20 } }),
    call(api.resources.listMyBookings, { query: { pageSize: 20 } }),
  ]);
  const now = Date.now();
  return {
    needs: needs.items.filter((n: NeedSummary) => NEED_OPEN_STATUSES.includes(n.status)).slice(0, 3),
    bookings: bookings.items
      .filter((b: BookingView) => (b.status === 'pending' || b.status === 'approved') && Date.parse(b.end) > now)
      .slice(0, 2),
  };
}

/** A resident's open orders and coming bookings, above the menu; nothing when there are none. */
export function ResidentWork({ version }: { version: number }) {
  const mine = useRemote(load, [version]);
  const d = mine.data;
  if (!d || d.needs.length + d.bookings.length === 0) return null;
  return (
    <WorkSection title="我在办的事" more="我的点单" moreUrl="/packages/needs/list/index" className="resident-work">
      {d.needs.map((n) => (
        <WorkRow
          key={n.id}
          title={n.title}
          sub={`点单于 ${whenText(n.submittedAt)}`}
          url={`/packages/needs/detail/index?id=${n.id}`}
          pill={<StatusPill text={NEED_STATUS_LABELS[n.status]} tone={n.status === 'submitted' ? 'orange' : 'blue'} />}
        />
      ))}
      {d.bookings.map((b) => (
        <WorkRow
          key={b.id}
          title={`预约 ${b.resource.name}`}
          sub={b.timeText}
          url="/packages/resources/bookings/index"
          pill={
            <StatusPill text={BOOKING_STATUS_LABELS[b.status]} tone={b.status === 'approved' ? 'green' : 'orange'} />
          }
        />
      ))}
    </WorkSection>
  );
}
