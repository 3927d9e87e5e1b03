import { useRef, useState } from 'react';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { BOOKING_STATUS_LABELS, api, nextBookingStatus, type BookingStatus, type BookingView } from '@gongzhi/shared';
import { call, messageOf } from '../../../services/api';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { EmptyState, ErrorState, LoadingCards } from '../../../components/PageState';
import { ChipTabs, PagedFooter, StatusPill, usePaged, whenText } from '../../../components/ResidentKit';
import { BOOKING_TONES, KIND_ICONS } from '../look';
import './index.scss';

type Filter = 'all' | BookingStatus;
const FILTERS: { key: Filter; label: string }[] = [
  { key: 'all', label: '全部' },
  ...(['pending', 'approved', 'rejected', 'cancelled'] as const).map((s) => ({
    key: s,
    label: BOOKING_STATUS_LABELS[s],
  })),
];

const NOTES: Partial<Record<BookingStatus, string>> = {
  pending: '等待管理方审核，审核后会通知您',
  approved: '已批准，请按时使用',
};

function BookingCard({
  booking,
  busy,
  onCancel,
}: {
  booking: BookingView;
  busy: boolean;
  onCancel: (b: BookingView) => void;
}) {
  const canCancel = nextBookingStatus(booking.status, 'cancel') !== null && Date.parse(booking.start) > Date.now();
  return (
    <View className="bk-card" data-id={booking.id} data-status={booking.status}>
      <View className="bk-card__top">
        <Text className="bk-card__icon">{KIND_ICONS[booking.resource.kind] ?? '📦'}</Text>
        <Text className="bk-card__name">{booking.resource.name}</Text>
        <StatusPill text={BOOKING_STATUS_LABELS[booking.status]} tone={BOOKING_TONES[booking.status]} />
      </View>
      <Text className="bk-card__time">{booking.timeText}</Text>
      <Text className="bk-card__line">{`用途：${booking.purpose} · ${booking.attendees} 人`}</Text>
      {booking.reason && (
        <Text className="bk-card__reason">
          {`${booking.status === 'rejected' ? '未通过原因' : '取消原因'}：${booking.reason}`}
        </Text>
      )}
      {NOTES[booking.status] && <Text className="bk-card__note">{NOTES[booking.status]}</Text>}
      <View className="bk-card__foot">
        <Text className="bk-card__created">{`${whenText(booking.createdAt)} 提交`}</Text>
        {canCancel && (
          <Button
            className="bk-card__cancel"
            type="primary"
            fill="outline"
            shape="round"
            size="small"
            loading={busy}
            onClick={() => onCancel(booking)}
          >
            取消预约
          </Button>
        )}
      </View>
    </View>
  );
}

export default function MyBookingsPage() {
  const signedIn = useSignedIn();
  const created = useRouter().params.created === '1';
  const [filter, setFilter] = useState<Filter>('all');
  const [busy, setBusy] = useState<string | null>(null);
  const list = usePaged(
    (page, pageSize) =>
      call(api.resources.listMyBookings, {
        query: { page, pageSize, ...(filter === 'all' ? {} : { status: filter }) },
      }),
    [filter],
    signedIn,
  );

  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void list.refresh();
    shown.current = true;
  });

  async function cancel(b: BookingView) {
    if (busy) return;
    const { confirm } = await Taro.showModal({
      title: '取消预约',
      content: `取消「${b.resource.name}」${b.timeText} 的预约？取消后时段会开放给其他人，不能恢复。`,
      confirmText: '取消预约',
      cancelText: '不取消',
      confirmColor: '#D42A1F',
    });
    if (!confirm) return;
    setBusy(b.id);
    try {
      const updated = await call(api.resources.cancelBooking, { params: { id: b.id }, body: {} });
      list.replace(updated, (x, y) => x.id === y.id);
      void Taro.showToast({ title: '已取消', icon: 'success' });
    } catch (e) {
      void Taro.showModal({ title: '没有取消成功', content: messageOf(e), showCancel: false, confirmText: '知道了' });
      void list.refresh();
    } finally {
      setBusy(null);
    }
  }

  return (
    <View className="page bk-page">
      {created && (
        <View className="bk-created">
          <Text className="bk-created__icon">✓</Text>
          <Text className="bk-created__text">预约已提交，管理方审核后会通知您</Text>
        </View>
      )}
      <View className="bk-filters">
        <ChipTabs options={FILTERS} value={filter} onChange={setFilter} />
      </View>
      {list.loading && <LoadingCards count={3} />}
      {list.error && !list.loading && <ErrorState message={list.error} onRetry={() => void list.reload()} />}
      {!list.loading && !list.error && list.items.length === 0 && (
        <View className="bk-empty">
          <EmptyState
            text={filter === 'all' ? '还没有预约记录' : `没有${BOOKING_STATUS_LABELS[filter]}的预约`}
            hint="社区活动室、音响设备等都可以在线预约"
          />
          <Button
            className="bk-empty__go"
            type="primary"
            shape="round"
            size="large"
            onClick={() => void Taro.navigateTo({ url: '/packages/resources/list/index' })}
          >
            去预约场地
          </Button>
        </View>
      )}
      {list.items.map((b) => (
        <BookingCard key={b.id} booking={b} busy={busy === b.id} onCancel={(x) => void cancel(x)} />
      ))}
      <PagedFooter list={list} />
    </View>
  );
}
