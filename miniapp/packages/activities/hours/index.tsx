import { useState } from 'react';
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { api, brandName, localDateOf, type BrandCode, type MyShift } from '@gongzhi/shared';
import { call } from '../../../services/api';
import { useRemote } from '../../../hooks/useRemote';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { EmptyState, ErrorState, LoadingCards } from '../../../components/PageState';
import { ListFooter } from '../../../components/ActivityKit';
import { brandLook } from '../../../components/ActivityKit/brands';
import { durationText, hoursNumber, monthDay, timeOf, todayDate } from '../../../components/ActivityKit/time';
import './index.scss';

const PAGE = 100;
const MAX_PAGES = 50;
const SHOW_STEP = 15;

/** Every shift I held a seat in, latest first: the API has no total, so the page adds it up. */
async function loadRecords(): Promise<MyShift[]> {
  const all: MyShift[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const r = await call(api.activities.listMyShifts, { query: { when: 'all', page, pageSize: PAGE } });
    all.push(...r.items);
    if (all.length >= r.total || r.items.length === 0) break;
  }
  const now = Date.now();
  // Confirmed hours, and past shifts I held a seat in that still wait for the organiser.
  return all.filter(
    (s) => s.confirmedMinutes !== null || (s.status === 'seated' && Date.parse(s.end) < now && !!s.checkInAt),
  );
}

interface BrandSum {
  code: BrandCode;
  minutes: number;
  count: number;
}

function byBrand(records: MyShift[]): BrandSum[] {
  const sums = new Map<BrandCode, BrandSum>();
  for (const r of records) {
    if (r.confirmedMinutes === null) continue;
    const s = sums.get(r.activity.brand) ?? { code: r.activity.brand, minutes: 0, count: 0 };
    s.minutes += r.confirmedMinutes;
    s.count += 1;
    sums.set(r.activity.brand, s);
  }
  return [...sums.values()].sort((a, b) => b.minutes - a.minutes);
}

function Summary({ records }: { records: MyShift[] }) {
  const confirmed = records.filter((r) => r.confirmedMinutes !== null);
  const total = confirmed.reduce((n, r) => n + (r.confirmedMinutes ?? 0), 0);
  const year = todayDate().slice(0, 4);
  const thisYear = confirmed
    .filter((r) => localDateOf(r.start).startsWith(year))
    .reduce((n, r) => n + (r.confirmedMinutes ?? 0), 0);
  const pending = records.length - confirmed.length;
  return (
    <View className="hours-summary">
      <Text className="hours-summary__label">累计服务时长</Text>
      <View className="hours-summary__total">
        <Text className="hours-summary__num hours-total">{hoursNumber(total)}</Text>
        <Text className="hours-summary__unit">小时</Text>
      </View>
      <View className="hours-summary__stats">
        <View className="hours-summary__stat">
          <Text className="hours-summary__stat-num">{confirmed.length}</Text>
          <Text className="hours-summary__stat-label">次服务</Text>
        </View>
        <View className="hours-summary__stat">
          <Text className="hours-summary__stat-num">{hoursNumber(thisYear)}</Text>
          <Text className="hours-summary__stat-label">{`${year} 年（小时）`}</Text>
        </View>
        <View className="hours-summary__stat">
          <Text className="hours-summary__stat-num">{pending}</Text>
          <Text className="hours-summary__stat-label">待确认</Text>
        </View>
      </View>
    </View>
  );
}

function BrandBars({ sums }: { sums: BrandSum[] }) {
  if (sums.length === 0) return null;
  const max = Math.max(...sums.map((s) => s.minutes), 1);
  return (
    <View className="hours-card">
      <Text className="section-title">按服务品牌</Text>
      {sums.map((s) => {
        const look = brandLook(s.code);
        return (
          <View key={s.code} className="hours-bar">
            <View className="hours-bar__head">
              <Text className="hours-bar__name">{`${look.icon} ${brandName(s.code)}`}</Text>
              <Text className="hours-bar__value">{`${hoursNumber(s.minutes)} 小时 · ${s.count} 次`}</Text>
            </View>
            <View className="hours-bar__track">
              <View
                className="hours-bar__fill"
                style={{ width: `${Math.max(4, Math.round((s.minutes / max) * 100))}%`, backgroundColor: look.color }}
              />
            </View>
          </View>
        );
      })}
    </View>
  );
}

function Record({ record }: { record: MyShift }) {
  const day = localDateOf(record.start);
  const look = brandLook(record.activity.brand);
  return (
    <View
      className="hours-record"
      hoverClass="hours-record--pressed"
      onClick={() => void Taro.navigateTo({ url: `/packages/activities/detail/index?id=${record.activity.id}` })}
    >
      <View className="hours-record__date" style={{ color: look.color, backgroundColor: `${look.color}14` }}>
        <Text className="hours-record__month">{monthDay(day).replace(/\d+日$/, '')}</Text>
        <Text className="hours-record__day">{Number(day.slice(8))}</Text>
      </View>
      <View className="hours-record__body">
        <Text className="hours-record__title">{record.activity.title}</Text>
        <Text className="hours-record__meta">
          {record.checkInAt
            ? `签到 ${timeOf(record.checkInAt)} · 签退 ${record.checkOutAt ? timeOf(record.checkOutAt) : '—'}`
            : `${timeOf(record.start)}–${timeOf(record.end)}`}
        </Text>
      </View>
      {record.confirmedMinutes !== null ? (
        <Text className="hours-record__minutes">{durationText(record.confirmedMinutes)}</Text>
      ) : (
        <Text className="hours-record__pending">待确认</Text>
      )}
    </View>
  );
}

export default function HoursPage() {
  const signedIn = useSignedIn();
  const records = useRemote(loadRecords, [], signedIn);
  const [shown, setShown] = useState(SHOW_STEP);
  const items = records.data ?? [];

  usePullDownRefresh(() => {
    void records.reload().finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => setShown((n) => Math.min(items.length, n + SHOW_STEP)));

  return (
    <View className="page hours-page">
      <View className="hours-hero" />
      <View className="hours-body">
        {records.loading && !records.data && <LoadingCards count={3} />}
        {records.error && !records.loading && (
          <ErrorState message={records.error} onRetry={() => void records.reload()} />
        )}
        {records.data && !records.error && (
          <>
            <Summary records={items} />
            {items.length === 0 ? (
              <EmptyState text="还没有服务记录" hint="认领活动班次，签到签退并由组织方确认后，服务时长会记在这里" />
            ) : (
              <>
                <BrandBars sums={byBrand(items)} />
                <View className="hours-card">
                  <Text className="section-title">服务记录</Text>
                  {items.slice(0, shown).map((r) => (
                    <Record key={r.shiftId} record={r} />
                  ))}
                </View>
                <ListFooter
                  count={Math.min(shown, items.length)}
                  hasMore={shown < items.length}
                  loadingMore={false}
                  moreError={null}
                  onMore={() => setShown((n) => n + SHOW_STEP)}
                />
              </>
            )}
          </>
        )}
      </View>
    </View>
  );
}
