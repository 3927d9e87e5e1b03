import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text, ScrollView } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  BOOKING_REJECT_REASONS,
  BOOKING_STATUS_LABELS,
  api,
  rejectBookingBody,
  parseWith,
  type BookingStatus,
  type BookingView,
} from '@gongzhi/shared';
import { call, messageOf } from '../../../services/api';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { useRemote } from '../../../hooks/useRemote';
import { useAdminAccess } from '../../../hooks/useAdminAccess';
import { AdminForbidden } from '../../../components/AdminForbidden';
import { dateTime } from '../lib/format';
import { toMessages } from '../lib/forms';
import { Field, PlainButton, QuickReasons, Sheet, Tag, TextArea, type Tone } from '../components/ui';
import { AdminList, useListPage, wholeList } from '../components/AdminList';
import '../components/ui.scss';
import './index.scss';

const TABS: BookingStatus[] = ['pending', 'approved', 'rejected', 'cancelled'];
const TONES: Record<BookingStatus, Tone> = {
  pending: 'orange',
  approved: 'green',
  rejected: 'grey',
  cancelled: 'grey',
};

/** Bookings of every bookable resource the caller handles, soonest first. */
async function loadBookings(status: BookingStatus) {
  const resources = await call(api.resources.listResources, {
    query: { managed: 'true', bookable: 'true', pageSize: 100 },
  });
  // A few at a time: the API serves an account only a few big pages at once (限流, READ_CONCURRENCY).
  const lists: BookingView[][] = [];
  for (let i = 0; i < resources.items.length; i += 3) {
    const batch = resources.items.slice(i, i + 3);
    lists.push(
      ...(await Promise.all(
        batch.map((r) =>
          call(api.resources.listResourceBookings, { params: { id: r.id }, query: { status, pageSize: 100 } }).then(
            (b) => b.items,
          ),
        ),
      )),
    );
  }
  const bookings = lists
    .flat()
    .sort((a, b) => (status === 'pending' ? a.start.localeCompare(b.start) : b.start.localeCompare(a.start)));
  return { resources: resources.items.length, bookings };
}

function BookingCard({ b, onApprove, onReject }: { b: BookingView; onApprove: () => void; onReject: () => void }) {
  return (
    <View className="admin-booking">
      <View className="admin-booking__top">
        <Text className="admin-booking__resource">{b.resource.name}</Text>
        <Tag tone={TONES[b.status]}>{BOOKING_STATUS_LABELS[b.status]}</Tag>
      </View>
      <Text className="admin-booking__time">{b.timeText}</Text>
      <View className="admin-booking__facts">
        <Text>{`用途：${b.purpose}`}</Text>
        <Text>{`人数：${b.attendees} 人`}</Text>
        <Text>{`预约人：${b.booker.name}${b.booker.phone ? ` ${b.booker.phone}` : ''}`}</Text>
        <Text className="admin-booking__at">{`${dateTime(b.createdAt)} 提交`}</Text>
        {b.reason && <Text>{`原因：${b.reason}`}</Text>}
      </View>
      {b.status === 'pending' && (
        <View className="admin-booking__actions">
          <PlainButton className="admin-booking__reject" tone="danger" onClick={onReject}>
            不批准
          </PlainButton>
          <Button className="admin-booking__approve" type="primary" shape="round" size="large" onClick={onApprove}>
            批准
          </Button>
        </View>
      )}
    </View>
  );
}

export default function AdminBookingsPage() {
  const signedIn = useSignedIn();
  const access = useAdminAccess();
  const allowed = access.staff && access.can(api.resources.approveBooking);
  const [tab, setTab] = useState<BookingStatus>('pending');
  const data = useRemote(() => loadBookings(tab), [tab], signedIn && allowed);
  const [rejecting, setRejecting] = useState<BookingView | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const bookings = wholeList(data, (d) => d.bookings);
  useListPage(bookings);

  if (!signedIn) return <View className="page" />;
  if (!allowed) {
    return (
      <View className="page admin-page">
        <AdminForbidden detail={access.staff ? '场地预约由资源所属单位和所在社区审批。' : undefined} />
      </View>
    );
  }

  async function approve(b: BookingView) {
    const r = await Taro.showModal({
      title: '批准预约',
      content: `批准 ${b.booker.name} 预约「${b.resource.name}」${b.timeText}？`,
      confirmText: '批准',
      cancelText: '再想想',
      confirmColor: '#D42A1F',
    });
    if (!r.confirm) return;
    try {
      await call(api.resources.approveBooking, { params: { id: b.id }, body: {} });
      void Taro.showToast({ title: '已批准', icon: 'success' });
      void data.reload();
    } catch (e) {
      void Taro.showModal({ title: '没有批准成功', content: messageOf(e), showCancel: false });
    }
  }

  /** Typing or a tapped reason: the reason's message goes once it is changed. */
  function editReason(value: string) {
    setReason(value);
    setReasonError(undefined);
  }

  async function reject() {
    if (!rejecting) return;
    const parsed = parseWith(rejectBookingBody, { reason }, 'body');
    if (!parsed.ok) {
      setReasonError(toMessages(parsed.fields).reason);
      return;
    }
    const r = await Taro.showModal({
      title: '不批准预约',
      content: '时段会立即释放给其他人预约，预约人会看到原因。确定不批准吗？',
      confirmText: '不批准',
      cancelText: '再想想',
      confirmColor: '#D42A1F',
    });
    if (!r.confirm) return;
    try {
      await call(api.resources.rejectBooking, { params: { id: rejecting.id }, body: parsed.data });
      void Taro.showToast({ title: '已处理', icon: 'success' });
      setRejecting(null);
      setReason('');
      void data.reload();
    } catch (e) {
      setReasonError(messageOf(e));
    }
  }

  const d = data.data;
  return (
    <View className="page admin-page admin-bookings">
      <ScrollView scrollX className="admin-tabs admin-bookings__tabs" enhanced showScrollbar={false}>
        {TABS.map((t) => (
          <View
            key={t}
            className={`admin-tabs__item ${tab === t ? 'admin-tabs__item--on' : ''}`}
            onClick={() => setTab(t)}
          >
            <Text>{BOOKING_STATUS_LABELS[t]}</Text>
            {tab === t && d && <Text className="admin-tabs__count">{d.bookings.length}</Text>}
          </View>
        ))}
      </ScrollView>
      <AdminList
        list={bookings}
        empty={
          d?.resources === 0
            ? { text: '您还没有管理可预约的场地或设备', hint: '单位或社区登记场地后，预约会在这里审批' }
            : {
                text: tab === 'pending' ? '没有待审批的预约' : `没有${BOOKING_STATUS_LABELS[tab]}的预约`,
                hint: '居民预约场地后会出现在这里',
              }
        }
        render={(b) => (
          <BookingCard
            key={b.id}
            b={b}
            onApprove={() => void approve(b)}
            onReject={() => {
              setReason('');
              setReasonError(undefined);
              setRejecting(b);
            }}
          />
        )}
      />

      <Sheet
        open={rejecting !== null}
        title="不批准预约"
        onClose={() => setRejecting(null)}
        footer={
          <PlainButton className="admin-bookings__reject-confirm" tone="danger" onClick={() => void reject()}>
            确认不批准
          </PlainButton>
        }
      >
        {rejecting && (
          <Text className="admin-bookings__sheet-line">{`${rejecting.resource.name} · ${rejecting.timeText} · ${rejecting.booker.name}`}</Text>
        )}
        <Field label="原因" required error={reasonError} hint="预约人会看到这段话">
          <QuickReasons reasons={BOOKING_REJECT_REASONS} value={reason} onPick={editReason} />
          <TextArea
            value={reason}
            onInput={editReason}
            placeholder="点上面的常用原因，或写下具体原因"
            maxlength={200}
          />
        </Field>
      </Sheet>
    </View>
  );
}
