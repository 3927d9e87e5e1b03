import { useMemo, useRef, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { View, Text, ScrollView } from '@tarojs/components';
import { SERVICE_BRANDS, addDays, api, type ActivitySummary, type BrandCode } from '@gongzhi/shared';
import { call } from '../../services/api';
import { getSavedUser } from '../../services/session';
import { useSignedIn } from '../../hooks/useSignedIn';
import { EmptyState, ErrorState, LoadingCards } from '../../components/PageState';
import { BrandTag, PagedFooter, SeatsLeft, canTakePart } from '../../components/ActivityKit';
import { usePaged } from '../../hooks/usePaged';
import { dayName, monthDay, shiftWhen, todayDate, weekdayText } from '../../components/ActivityKit/time';
import { CommunitySheet, type CommunityChoice } from './CommunitySheet';
import './index.scss';

const PAGE_SIZE = 10;

function open(url: string) {
  void Taro.navigateTo({ url });
}

/** The shift a card leads with: the first on the picked day, else the next one not yet started. */
function leadShift(a: ActivitySummary, date: string | null, now: number) {
  const onDay = date ? a.shifts.filter((s) => dayOf(s.start) === date) : a.shifts;
  return (
    onDay.find((s) => Date.parse(s.start) > now) ??
    onDay.find((s) => Date.parse(s.end) > now) ??
    onDay[onDay.length - 1] ??
    null
  );
}

/** 明天（11月28日） or 12月3日（周四）. */
function dayTitle(date: string): string {
  const near = dayName(date);
  return `${near}（${near === monthDay(date) ? weekdayText(date) : monthDay(date)}）`;
}

function dayOf(iso: string): string {
  return todayDate(Date.parse(iso));
}

function ActivityCard({ activity, date }: { activity: ActivitySummary; date: string | null }) {
  const now = Date.now();
  const shift = leadShift(activity, date, now);
  const others = activity.shifts.filter((s) => s !== shift && Date.parse(s.end) > now).length;
  const started = shift ? Date.parse(shift.start) <= now : false;
  return (
    <View
      className="activity-card"
      hoverClass="activity-card--pressed"
      onClick={() => open(`/packages/activities/detail/index?id=${activity.id}`)}
    >
      <View className="activity-card__head">
        <BrandTag code={activity.brand} name={activity.brandName} />
        {activity.format === 'meeting' && <Text className="activity-card__format">座谈会议</Text>}
      </View>
      <Text className="activity-card__title">{activity.title}</Text>
      <View className="activity-card__line">
        <Text className="activity-card__icon">📍</Text>
        <Text className="activity-card__text">{activity.address}</Text>
      </View>
      <View className="activity-card__line">
        <Text className="activity-card__icon">🏛️</Text>
        <Text className="activity-card__text">{activity.organiser.name}</Text>
      </View>
      {shift ? (
        <View className="activity-card__shift">
          <View className="activity-card__when">
            <Text className="activity-card__when-label">{started ? '进行中的班次' : '下一班次'}</Text>
            <Text className="activity-card__when-time">{shiftWhen(shift.start, shift.end, now)}</Text>
            {others > 0 && <Text className="activity-card__more">{`另有 ${others} 个班次`}</Text>}
          </View>
          <SeatsLeft free={shift.free} />
        </View>
      ) : (
        <View className="activity-card__shift">
          <Text className="activity-card__when-label">暂未安排班次</Text>
        </View>
      )}
    </View>
  );
}

function DateStrip({ picked, onPick }: { picked: string | null; onPick: (d: string | null) => void }) {
  const today = todayDate();
  const days = Array.from({ length: 7 }, (_, i) => addDays(today, i));
  return (
    <ScrollView scrollX className="act-dates" enhanced showScrollbar={false}>
      <View className="act-dates__row">
        <View
          className={`act-dates__cell act-dates__cell--all${picked === null ? ' act-dates__cell--on' : ''}`}
          onClick={() => onPick(null)}
        >
          <Text className="act-dates__top">全部</Text>
          <Text className="act-dates__day">日期</Text>
        </View>
        {days.map((d) => {
          const near = dayName(d);
          return (
            <View
              key={d}
              className={`act-dates__cell${picked === d ? ' act-dates__cell--on' : ''}`}
              onClick={() => onPick(picked === d ? null : d)}
            >
              <Text className="act-dates__top">{near.endsWith('日') ? weekdayText(d) : near}</Text>
              <Text className="act-dates__day">{Number(d.slice(8))}</Text>
            </View>
          );
        })}
      </View>
    </ScrollView>
  );
}

function BrandChips({ picked, onPick }: { picked: BrandCode | null; onPick: (b: BrandCode | null) => void }) {
  return (
    <ScrollView scrollX className="act-brands" enhanced showScrollbar={false}>
      <View className="act-brands__row">
        <Text
          className={`activity-brand-chip${picked === null ? ' activity-brand-chip--on' : ''}`}
          onClick={() => onPick(null)}
        >
          全部品牌
        </Text>
        {SERVICE_BRANDS.map((b) => (
          <Text
            key={b.code}
            className={`activity-brand-chip${picked === b.code ? ' activity-brand-chip--on' : ''}`}
            onClick={() => onPick(picked === b.code ? null : b.code)}
          >
            {b.name}
          </Text>
        ))}
      </View>
    </ScrollView>
  );
}

function Shortcuts() {
  const items = [
    { icon: '🗓️', text: '我的班次', url: '/packages/activities/my-shifts/index', cls: 'act-shortcut--shifts' },
    { icon: '📷', text: '签到签退', url: '/packages/activities/checkin/index', cls: 'act-shortcut--checkin' },
    { icon: '⏱️', text: '服务时长', url: '/packages/activities/hours/index', cls: 'act-shortcut--hours' },
  ];
  return (
    <View className="act-shortcuts">
      {items.map((it) => (
        <View
          key={it.text}
          className={`act-shortcut ${it.cls}`}
          hoverClass="act-shortcut--pressed"
          onClick={() => open(it.url)}
        >
          <Text className="act-shortcut__icon">{it.icon}</Text>
          <Text className="act-shortcut__text">{it.text}</Text>
        </View>
      ))}
    </View>
  );
}

export default function ActivitiesPage() {
  const signedIn = useSignedIn();
  const user = useMemo(getSavedUser, []);
  const mine: CommunityChoice | null = user?.community ?? null;
  const [brand, setBrand] = useState<BrandCode | null>(null);
  const [date, setDate] = useState<string | null>(null);
  const [community, setCommunity] = useState<CommunityChoice | null>(mine);
  const [sheetOpen, setSheetOpen] = useState(false);

  const list = usePaged(
    async (page, pageSize) =>
      call(api.activities.listActivities, {
        query: {
          page,
          pageSize,
          ...(brand ? { brand } : {}),
          ...(date ? { date } : {}),
          ...(community ? { communityId: community.id } : {}),
        },
      }),
    [brand, date, community?.id],
    signedIn,
    PAGE_SIZE,
  );

  // Back from a detail page after claiming: seats changed, refresh what is on screen quietly.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current && signedIn) void list.refresh();
    shown.current = true;
  });

  const filtered = brand !== null || date !== null;
  const placeName = community?.name ?? '全县';

  return (
    <View className="page activities-page">
      <View className="act-header">
        <Text className="act-header__title">志愿服务 · 一起来</Text>
        <View className="act-header__place">
          <Text className="act-header__pin">📍</Text>
          <Text className="act-header__community">{placeName}</Text>
          <View
            className="act-header__switch community-switch"
            hoverClass="act-header__switch--pressed"
            onClick={() => setSheetOpen(true)}
          >
            <Text>切换社区</Text>
          </View>
        </View>
        <Text className="act-header__sub">认领班次，到场签到，社区确认后累计服务时长</Text>
      </View>

      <View className="act-body">
        {canTakePart(user) && <Shortcuts />}

        <View className="act-filters">
          <BrandChips picked={brand} onPick={setBrand} />
          <DateStrip picked={date} onPick={setDate} />
        </View>

        <View className="act-list-head">
          <Text className="section-title">{date ? `${dayTitle(date)}的活动` : '近期活动'}</Text>
          {!list.loading && !list.error && <Text className="act-list-head__count">{`${list.total} 个`}</Text>}
        </View>

        {list.loading && list.items.length === 0 && <LoadingCards count={3} />}
        {list.error && !list.loading && <ErrorState message={list.error} onRetry={() => void list.reload()} />}
        {!list.loading && !list.error && list.items.length === 0 && (
          <EmptyState
            text={filtered ? '没有符合条件的活动' : `${placeName}近期还没有活动`}
            hint={filtered ? '换个品牌或日期看看' : '可以切换到其他社区看看，或过几天再来'}
          />
        )}
        {!list.error && list.items.map((a) => <ActivityCard key={a.id} activity={a} date={date} />)}
        {!list.error && <PagedFooter list={list} />}
      </View>

      {sheetOpen && (
        <CommunitySheet
          current={community}
          mine={mine}
          onClose={() => setSheetOpen(false)}
          onPick={(c) => {
            setSheetOpen(false);
            setCommunity(c);
          }}
        />
      )}
    </View>
  );
}
