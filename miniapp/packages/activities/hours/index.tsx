import { useState } from 'react';
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import {
  HOURS_WORDS,
  api,
  brandName,
  localDateOf,
  type BrandCode,
  type MyHours,
  type PendingHours,
  type ServiceRecordView,
} from '@gongzhi/shared';
import { call } from '../../../services/api';
import { useRemote } from '../../../hooks/useRemote';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { EmptyState, ErrorState, LoadingCards } from '../../../components/PageState';
import { ListFooter } from '../../../components/ActivityKit';
import { brandLook } from '../../../components/ActivityKit/brands';
import {
  durationText,
  hoursNumber,
  monthDay,
  shiftWhen,
  timeOf,
  todayDate,
} from '../../../components/ActivityKit/time';
import './index.scss';

const PAGE = 100;
const MAX_PAGES = 50;
const SHOW_STEP = 15;

/** Every confirmed record (corrections applied), the totals and what still waits for the organiser. */
async function loadHours(): Promise<MyHours> {
  const first = await call(api.hours.getMyHours, { query: { page: 1, pageSize: PAGE } });
  const items = [...first.items];
  // The brand bars need every record: page on while there are more.
  for (let page = 2; page <= MAX_PAGES && items.length < first.total; page++) {
    const r = await call(api.hours.getMyHours, { query: { page, pageSize: PAGE } });
    if (r.items.length === 0) break;
    items.push(...r.items);
  }
  return { ...first, items };
}

interface BrandSum {
  code: BrandCode;
  minutes: number;
  count: number;
}

function byBrand(records: ServiceRecordView[]): BrandSum[] {
  const sums = new Map<BrandCode, BrandSum>();
  for (const r of records) {
    const code = r.activity.brand as BrandCode;
    const s = sums.get(code) ?? { code, minutes: 0, count: 0 };
    s.minutes += r.minutes;
    s.count += 1;
    sums.set(code, s);
  }
  return [...sums.values()].sort((a, b) => b.minutes - a.minutes);
}

function Summary({ hours }: { hours: MyHours }) {
  const year = todayDate().slice(0, 4);
  return (
    <View className="hours-summary">
      <Text className="hours-summary__label">累计服务时长（已确认）</Text>
      <View className="hours-summary__total">
        <Text className="hours-summary__num hours-total">{hoursNumber(hours.totalMinutes)}</Text>
        <Text className="hours-summary__unit">小时</Text>
      </View>
      <View className="hours-summary__stats">
        <View className="hours-summary__stat">
          <Text className="hours-summary__stat-num">{hours.total}</Text>
          <Text className="hours-summary__stat-label">次服务</Text>
        </View>
        <View className="hours-summary__stat">
          <Text className="hours-summary__stat-num">{hoursNumber(hours.yearMinutes)}</Text>
          <Text className="hours-summary__stat-label">{`${year} 年（小时）`}</Text>
        </View>
        <View className="hours-summary__stat">
          <Text className="hours-summary__stat-num hours-summary__stat-num--star">{hours.star.name}</Text>
          <Text className="hours-summary__stat-label">星级</Text>
        </View>
      </View>
    </View>
  );
}

/** 等社区确认: the shifts I checked in to, with what confirming would likely give. */
function Waiting({ items }: { items: PendingHours[] }) {
  if (items.length === 0) return null;
  const now = Date.now();
  return (
    <View className="hours-card hours-waiting">
      <Text className="section-title">{`${HOURS_WORDS.waiting}（${items.length}）`}</Text>
      {items.map((p) => (
        <View key={p.shiftId} className="hours-wait pending-hours">
          <View className="hours-wait__top">
            <Text className="hours-wait__title">{p.activity.title}</Text>
            <Text className="hours-wait__tag">{HOURS_WORDS.waiting}</Text>
          </View>
          <Text className="hours-wait__line">{shiftWhen(p.start, p.end, now)}</Text>
          <Text className="hours-wait__line">
            {`签到 ${timeOf(p.checkInAt)} · 签退 ${p.checkOutAt ? timeOf(p.checkOutAt) : '未签退'}`}
            {p.minutes !== null ? ` · 约 ${durationText(p.minutes)}` : ''}
          </Text>
          {Date.parse(p.confirmFrom) > now && <Text className="hours-wait__note">活动结束后，由社区确认服务时长</Text>}
          {p.shortStay && <Text className="hours-wait__note">在岗时间较短，社区会核实后再确认</Text>}
        </View>
      ))}
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

function Record({ record }: { record: ServiceRecordView }) {
  const day = localDateOf(record.start);
  const look = brandLook(record.activity.brand as BrandCode);
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
          {`${timeOf(record.start)}–${timeOf(record.end)}${record.community.name ? ` · ${record.community.name}` : ''}`}
        </Text>
        {record.correction && (
          <Text className="hours-record__meta">{`已更正（原 ${durationText(record.correction.originalMinutes)}）：${record.correction.reason}`}</Text>
        )}
      </View>
      <Text className="hours-record__minutes">{durationText(record.minutes)}</Text>
    </View>
  );
}

export default function HoursPage() {
  const signedIn = useSignedIn();
  const hours = useRemote(loadHours, [], signedIn);
  const [shown, setShown] = useState(SHOW_STEP);
  const data = hours.data;
  const items = data?.items ?? [];

  usePullDownRefresh(() => {
    void hours.reload().finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => setShown((n) => Math.min(items.length, n + SHOW_STEP)));

  return (
    <View className="page hours-page">
      <View className="hours-hero" />
      <View className="hours-body">
        {hours.loading && !data && <LoadingCards count={3} />}
        {hours.error && !hours.loading && <ErrorState message={hours.error} onRetry={() => void hours.reload()} />}
        {data && !hours.error && (
          <>
            <Summary hours={data} />
            <Waiting items={data.pending} />
            {items.length === 0 ? (
              data.pending.length === 0 && (
                <EmptyState text="还没有服务记录" hint="认领活动班次，到场签到签退，社区确认后服务时长会记在这里" />
              )
            ) : (
              <>
                <BrandBars sums={byBrand(items)} />
                <View className="hours-card">
                  <Text className="section-title">服务记录</Text>
                  {items.slice(0, shown).map((r) => (
                    <Record key={r.id} record={r} />
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
