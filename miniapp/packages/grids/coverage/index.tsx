import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import {
  GRID_POSITION_LABELS,
  api,
  isoWeekOf,
  isoWeekRange,
  previousIsoWeek,
  type CoverageItem,
  type PatrolCoverage,
} from '@gongzhi/shared';
import { call } from '../../../services/api';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { useAdminAccess } from '../../../hooks/useAdminAccess';
import { ChipTabs, PagedFooter, StatusPill, usePaged } from '../../../components/ResidentKit';
import { EmptyState, ErrorState, LoadingCards } from '../../../components/PageState';
import { AdminForbidden } from '../../../components/AdminForbidden';
import { dateTime } from '../../admin/lib/format';
import '../../admin/components/ui.scss';
import './index.scss';

type Filter = 'unpatrolled' | 'patrolled' | 'all';
const FILTERS = [
  { key: 'unpatrolled' as const, label: '未巡查' },
  { key: 'patrolled' as const, label: '已巡查' },
  { key: 'all' as const, label: '全部网格' },
];

/** `11月23日–11月29日` of an ISO week (China time). */
function weekSpan(week: string): string {
  const { from, to } = isoWeekRange(week);
  const day = (d: Date) => {
    const c = new Date(d.getTime() + 8 * 3_600_000);
    return `${c.getUTCMonth() + 1}月${c.getUTCDate()}日`;
  };
  return `${day(from)}–${day(new Date(to.getTime() - 1))}`;
}

function nextIsoWeek(week: string): string {
  return isoWeekOf(new Date(isoWeekRange(week).to.getTime() + 1));
}

function CoverageCard({ c }: { c: CoverageItem }) {
  const who = c.responsible.map((r) => `${GRID_POSITION_LABELS[r.position]} ${r.name}`).join('、');
  return (
    <View className={`coverage-card ${c.patrolled ? '' : 'coverage-card--missing'}`}>
      <View className="coverage-card__top">
        <Text className="coverage-card__grid">{c.grid.name}</Text>
        <StatusPill text={c.patrolled ? `已巡查 ${c.patrols} 次` : '本周未巡查'} tone={c.patrolled ? 'green' : 'red'} />
      </View>
      <Text className="coverage-card__line">{c.community.name}</Text>
      <Text className="coverage-card__line">{`应巡查：${who || '未指定网格员'}`}</Text>
      <Text className="coverage-card__line">
        {c.lastPatrol
          ? `最近一次：${dateTime(c.lastPatrol.startedAt)} · ${c.lastPatrol.patroller.name}`
          : '最近一次：从未巡查'}
      </Text>
    </View>
  );
}

/** 巡查覆盖: which grids were patrolled in a week, and who should have patrolled the rest. */
export default function CoveragePage() {
  const signedIn = useSignedIn();
  const access = useAdminAccess();
  const allowed = access.can(api.grids.getPatrolCoverage);
  const thisWeek = isoWeekOf(new Date());
  const [week, setWeek] = useState(thisWeek);
  const [filter, setFilter] = useState<Filter>('unpatrolled');
  const [totals, setTotals] = useState<PatrolCoverage['totals'] | null>(null);
  const list = usePaged(
    async (page, pageSize) => {
      const res = await call(api.grids.getPatrolCoverage, { query: { week, status: filter, page, pageSize } });
      setTotals(res.totals);
      return res;
    },
    [week, filter],
    signedIn && allowed,
  );

  if (!signedIn) return <View className="page" />;
  if (!allowed) return <AdminForbidden />;

  return (
    <View className="page coverage">
      <View className="coverage__week">
        <Text className="coverage__nav" onClick={() => setWeek(previousIsoWeek(week))}>
          ‹ 上一周
        </Text>
        <View className="coverage__week-text">
          <Text className="coverage__week-name">{week === thisWeek ? '本周' : week}</Text>
          <Text className="coverage__week-span">{weekSpan(week)}</Text>
        </View>
        <Text
          className={`coverage__nav ${week === thisWeek ? 'coverage__nav--off' : ''}`}
          onClick={() => week !== thisWeek && setWeek(nextIsoWeek(week))}
        >
          下一周 ›
        </Text>
      </View>
      {totals && (
        <View className="coverage__totals">
          <View className="coverage__total">
            <Text className="coverage__total-value">{totals.grids}</Text>
            <Text className="coverage__total-label">网格</Text>
          </View>
          <View className="coverage__total coverage__total--ok">
            <Text className="coverage__total-value">{totals.patrolled}</Text>
            <Text className="coverage__total-label">已巡查</Text>
          </View>
          <View className="coverage__total coverage__total--missing">
            <Text className="coverage__total-value">{totals.unpatrolled}</Text>
            <Text className="coverage__total-label">未巡查</Text>
          </View>
        </View>
      )}
      <ChipTabs options={FILTERS} value={filter} onChange={setFilter} className="coverage__filters" />
      {list.loading && <LoadingCards count={3} />}
      {list.error && !list.loading && <ErrorState message={list.error} onRetry={() => void list.reload()} />}
      {!list.loading && !list.error && list.items.length === 0 && (
        <EmptyState text={filter === 'unpatrolled' ? '这一周每个网格都巡查过了' : '没有符合条件的网格'} />
      )}
      {list.items.map((c) => (
        <CoverageCard key={c.grid.id} c={c} />
      ))}
      <PagedFooter list={list} />
    </View>
  );
}
