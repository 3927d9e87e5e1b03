import { useRef, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { CHECKIN_WORDS, HOURS_WORDS, api, type MyShift } from '@gongzhi/shared';
import { call } from '../../../services/api';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { EmptyState, ErrorState, LoadingCards } from '../../../components/PageState';
import { BrandTag, PagedFooter } from '../../../components/ActivityKit';
import { usePaged } from '../../../hooks/usePaged';
import {
  checkInOpen,
  checkInWindow,
  dateTimeText,
  hoursNumber,
  shiftWhen,
  timeOf,
} from '../../../components/ActivityKit/time';
import './index.scss';

type When = 'upcoming' | 'past';

const TABS: { key: When; label: string }[] = [
  { key: 'upcoming', label: '即将参加' },
  { key: 'past', label: '已结束' },
];

function Attendance({ shift }: { shift: MyShift }) {
  if (shift.status !== 'seated') return null;
  const now = Date.now();
  const past = Date.parse(shift.end) < now;
  const opens = checkInWindow(shift.start, shift.end).opens;
  // Before check-in opens there is nothing to show yet but when it will.
  if (!shift.checkInAt && now < opens) {
    return (
      <Text className="my-shift__opens">{`${dateTimeText(new Date(opens).toISOString())} 起可签到（${CHECKIN_WORDS.rule}）`}</Text>
    );
  }
  return (
    <View className="my-shift__attend">
      <View className={`my-shift__mark${shift.checkInAt ? ' my-shift__mark--done' : ''}`}>
        <Text className="my-shift__mark-label">签到</Text>
        <Text className="my-shift__mark-value">
          {shift.checkInAt ? timeOf(shift.checkInAt) : past ? '未签到' : '—'}
        </Text>
      </View>
      <View className={`my-shift__mark${shift.checkOutAt ? ' my-shift__mark--done' : ''}`}>
        <Text className="my-shift__mark-label">签退</Text>
        <Text className="my-shift__mark-value">
          {shift.checkOutAt ? timeOf(shift.checkOutAt) : past ? '未签退' : '—'}
        </Text>
      </View>
      <View className={`my-shift__mark${shift.confirmedMinutes !== null ? ' my-shift__mark--hours' : ''}`}>
        <Text className="my-shift__mark-label">确认时长</Text>
        <Text className="my-shift__mark-value">
          {shift.confirmedMinutes !== null
            ? `${hoursNumber(shift.confirmedMinutes)} 小时`
            : shift.checkInAt
              ? HOURS_WORDS.waiting
              : '—'}
        </Text>
      </View>
    </View>
  );
}

function ShiftCard({ shift }: { shift: MyShift }) {
  const now = Date.now();
  const seated = shift.status === 'seated';
  const cancelled = shift.activity.status === 'cancelled';
  const open = seated && !cancelled && checkInOpen(shift.start, shift.end, now) && !shift.checkOutAt;

  return (
    <View
      className="my-shift"
      hoverClass="my-shift--pressed"
      onClick={() => void Taro.navigateTo({ url: `/packages/activities/detail/index?id=${shift.activity.id}` })}
    >
      <View className="my-shift__head">
        <BrandTag code={shift.activity.brand} name={shift.activity.brandName} />
        {cancelled ? (
          <Text className="my-shift__state my-shift__state--off">活动已取消</Text>
        ) : seated ? (
          <Text className="my-shift__state my-shift__state--seated">{`已认领 ${shift.seatNo} 号名额`}</Text>
        ) : (
          <Text className="my-shift__state my-shift__state--waiting">{`候补第 ${shift.waitlistPosition} 位`}</Text>
        )}
      </View>
      <Text className="my-shift__title">{shift.activity.title}</Text>
      <Text className="my-shift__when">{shiftWhen(shift.start, shift.end, now)}</Text>
      <Text className="my-shift__place">{`📍 ${shift.activity.address}`}</Text>
      <Attendance shift={shift} />
      {open && (
        <View
          className="my-shift__checkin"
          hoverClass="my-shift__checkin--pressed"
          onClick={(e) => {
            e.stopPropagation();
            void Taro.navigateTo({ url: `/packages/activities/checkin/index?shiftId=${shift.shiftId}` });
          }}
        >
          <Text>{shift.checkInAt ? '去签退' : '去签到'}</Text>
        </View>
      )}
    </View>
  );
}

export default function MyShiftsPage() {
  const signedIn = useSignedIn();
  const [when, setWhen] = useState<When>('upcoming');
  const list = usePaged(
    (page, pageSize) => call(api.activities.listMyShifts, { query: { when, page, pageSize } }),
    [when],
    signedIn,
    10,
  );

  // Back from check-in or a detail page: show what changed.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current && signedIn) void list.refresh();
    shown.current = true;
  });

  return (
    <View className="page my-shifts-page">
      <View className="my-shifts-tabs">
        {TABS.map((t) => (
          <View
            key={t.key}
            className={`my-shifts-tabs__tab${when === t.key ? ' my-shifts-tabs__tab--on' : ''}`}
            onClick={() => setWhen(t.key)}
          >
            <Text>{t.label}</Text>
            {when === t.key && !list.loading && !list.error && (
              <Text className="my-shifts-tabs__count">{list.total}</Text>
            )}
          </View>
        ))}
      </View>

      <View className="my-shifts-body">
        {list.loading && list.items.length === 0 && <LoadingCards count={3} />}
        {list.error && !list.loading && <ErrorState message={list.error} onRetry={() => void list.reload()} />}
        {!list.loading && !list.error && list.items.length === 0 && (
          <EmptyState
            text={when === 'upcoming' ? '还没有认领班次' : '还没有参加过的班次'}
            hint={when === 'upcoming' ? '去「活动」里挑一个感兴趣的班次认领吧' : '参加活动并签到签退后，会记录在这里'}
          />
        )}
        {!list.error && list.items.map((s) => <ShiftCard key={s.shiftId} shift={s} />)}
        {!list.error && <PagedFooter list={list} />}
        {!list.loading && !list.error && list.items.length === 0 && when === 'upcoming' && (
          <View className="my-shifts-go" onClick={() => void Taro.switchTab({ url: '/pages/activities/index' })}>
            <Text>去看看活动</Text>
          </View>
        )}
      </View>
    </View>
  );
}
