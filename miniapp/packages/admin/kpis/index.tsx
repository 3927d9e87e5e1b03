import { useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import {
  NOT_DUE_LABEL,
  RESPONSE_KPI_LEVELS,
  RESPONSE_KPI_LEVEL_LABELS,
  WHISTLE_URGENCY_LABELS,
  api,
  type OverdueWhistleItem,
  type ResponseKpiLevel,
  type ResponseKpiRow,
} from '@gongzhi/shared';
import { call, messageOf } from '../../../services/api';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { useRemote } from '../../../hooks/useRemote';
import { useAdminAccess } from '../../../hooks/useAdminAccess';
import { ErrorState, LoadingCards } from '../../../components/PageState';
import { AdminForbidden } from '../../../components/AdminForbidden';
import { Card } from '../components/ui';
import { DateRange } from '../components/DateRange';
import { Chart } from '../charts/Chart';
import { chinaDate, dateTime } from '../lib/format';
import { openExcel } from '../lib/download';
import { ExportButton, Figure } from '../dashboard/parts';
import '../components/ui.scss';
import '../dashboard/index.scss';
import './index.scss';

const DAY = 24 * 3600 * 1000;
const ROWS_CHARTED = 8;
const OVERDUE_PAGE = 10;

/** A fraction (0.6667) as "66.67%"; null → "—". */
const rate = (v: number | null) => (v === null ? '—' : `${(Math.round(v * 10_000) / 100).toFixed(2)}%`);
const ratePoints = (v: number | null) => (v === null ? 0 : Math.round(v * 10_000) / 100);

/** Minutes as people read them: 45分钟, 2小时5分, 3天2小时. */
function duration(minutes: number | null): string {
  if (minutes === null) return '—';
  const m = Math.round(minutes);
  if (m < 60) return `${m}分钟`;
  if (m < 24 * 60) return `${Math.floor(m / 60)}小时${m % 60 ? `${m % 60}分` : ''}`;
  const h = Math.floor(m / 60);
  return `${Math.floor(h / 24)}天${h % 24 ? `${h % 24}小时` : ''}`;
}

const RANGES = [
  { key: '30d', label: '近30天', from: () => chinaDate(new Date(Date.now() - 29 * DAY)) },
  { key: 'month', label: '本月', from: () => `${chinaDate().slice(0, 8)}01` },
  { key: 'year', label: '今年', from: () => `${chinaDate().slice(0, 5)}01-01` },
] as const;

/** 响应考核: 三率 and response times per department, street or community over a date range, and the overdue list. */
export default function AdminKpisPage() {
  const signedIn = useSignedIn();
  const access = useAdminAccess();
  const allowed = access.can(api.stats.getResponseKpis);
  // 督办 is for county and street administrators; the whistle page says when a target cannot be pressed.
  const canRemind = access.can(api.whistles.remindWhistle);
  const [level, setLevel] = useState<ResponseKpiLevel>('department');
  const [from, setFrom] = useState(RANGES[0].from());
  const [to, setTo] = useState(chinaDate());
  const [exporting, setExporting] = useState(false);
  const [overduePages, setOverduePages] = useState(1);

  const kpis = useRemote(
    () => call(api.stats.getResponseKpis, { query: { from, to, level } }),
    [from, to, level],
    signedIn && allowed,
  );
  const overdue = useRemote(
    () =>
      call(api.stats.listOverdueWhistles, { query: { page: 1, pageSize: Math.min(100, OVERDUE_PAGE * overduePages) } }),
    [overduePages],
    signedIn && allowed,
  );

  usePullDownRefresh(() => {
    void Promise.all([kpis.reload(), overdue.reload()]).finally(() => Taro.stopPullDownRefresh());
  });

  if (!allowed) return <AdminForbidden />;
  const k = kpis.data;

  const exportExcel = async () => {
    setExporting(true);
    try {
      const name = `三率统计_${RESPONSE_KPI_LEVEL_LABELS[level]}_${from}至${to}.xlsx`;
      await openExcel(api.stats.exportResponseKpis, { from, to, level }, name);
    } catch (e) {
      void Taro.showToast({ title: messageOf(e), icon: 'none' });
    } finally {
      setExporting(false);
    }
  };

  const pickRange = (f: string) => {
    setFrom(f);
    setTo(chinaDate());
  };

  return (
    <View className="page admin-page dashboard kpis">
      <View className="dashboard__hero">
        <View className="dashboard__hero-text">
          <Text className="dashboard__scope">响应考核</Text>
          <Text className="dashboard__asof">{`吹哨报到 三率与用时 · ${from} 至 ${to}`}</Text>
        </View>
        <ExportButton busy={exporting} disabled={!k} onClick={() => void exportExcel()} />
      </View>

      <Card className="kpis-filters">
        <View className="kpis-tabs">
          {RESPONSE_KPI_LEVELS.map((l) => (
            <View key={l} className={`kpis-tab ${l === level ? 'kpis-tab--on' : ''}`} onClick={() => setLevel(l)}>
              <Text>{`按${RESPONSE_KPI_LEVEL_LABELS[l]}`}</Text>
            </View>
          ))}
        </View>
        <DateRange className="kpis-range" from={from} to={to} onFrom={setFrom} onTo={setTo} />
        <View className="kpis-chips">
          {RANGES.map((r) => (
            <View
              key={r.key}
              className={`kpis-chip ${from === r.from() && to === chinaDate() ? 'kpis-chip--on' : ''}`}
              onClick={() => pickRange(r.from())}
            >
              <Text>{r.label}</Text>
            </View>
          ))}
        </View>
      </Card>

      {kpis.loading && !k && <LoadingCards count={3} />}
      {kpis.error && !kpis.loading && <ErrorState message={kpis.error} onRetry={() => void kpis.reload()} />}
      {k && !kpis.error && (
        <>
          <Card title="合计" className="kpis-total">
            <View className="dash-figures">
              <Figure value={rate(k.total.responseRate)} label="响应率" tone="alert" />
              <Figure value={rate(k.total.resolutionRate)} label="解决率" tone="warn" />
              <Figure value={rate(k.total.satisfactionRate)} label="满意率" />
            </View>
            <NotDue r={k.total} />
            <View className="kpis-times">
              <TimeRow label="报到用时" avg={k.total.avgReportMinutes} p90={k.total.p90ReportMinutes} />
              <TimeRow label="办结用时" avg={k.total.avgResolveMinutes} p90={k.total.p90ResolveMinutes} />
              <View className="kpis-time">
                <Text className="kpis-time__label">收到 / 超时</Text>
                <Text className="kpis-time__value">
                  {`${k.total.received} 个 / `}
                  <Text className="kpis-time__alert">{`${k.total.overdue} 个`}</Text>
                </Text>
              </View>
            </View>
          </Card>

          <Card title={`各${RESPONSE_KPI_LEVEL_LABELS[level]}三率`} className="kpis-rows">
            {k.rows.length === 0 ? (
              <Text className="dash-empty">这段时间没有吹哨报到记录，换个日期范围试试</Text>
            ) : (
              <>
                <Chart
                  id={`chart-kpis-${level}`}
                  type="bar"
                  height={Math.max(180, Math.min(k.rows.length, ROWS_CHARTED) * 58 + 50)}
                  categories={k.rows.slice(0, ROWS_CHARTED).map((r) => r.name)}
                  series={[
                    { name: '响应率%', data: k.rows.slice(0, ROWS_CHARTED).map((r) => ratePoints(r.responseRate)) },
                    { name: '解决率%', data: k.rows.slice(0, ROWS_CHARTED).map((r) => ratePoints(r.resolutionRate)) },
                    { name: '满意率%', data: k.rows.slice(0, ROWS_CHARTED).map((r) => ratePoints(r.satisfactionRate)) },
                  ]}
                />
                {k.rows.map((r) => (
                  <KpiRow key={r.id} r={r} />
                ))}
              </>
            )}
          </Card>
        </>
      )}

      <Card
        title="超时清单"
        extra={overdue.data ? <Text className="dash-count">{`共 ${overdue.data.total} 项`}</Text> : undefined}
        className="kpis-overdue"
      >
        {overdue.loading && !overdue.data && <Text className="dash-empty">正在加载…</Text>}
        {overdue.error && !overdue.loading && (
          <ErrorState message={overdue.error} onRetry={() => void overdue.reload()} />
        )}
        {overdue.data && overdue.data.total === 0 && <Text className="dash-empty">没有超时未报到或未办结的任务</Text>}
        {overdue.data?.items.map((o) => (
          <OverdueRow key={`${o.whistleId}-${o.target.id}-${o.stage}`} o={o} canRemind={canRemind} />
        ))}
        {overdue.data && overdue.data.items.length < overdue.data.total && (
          <View className="kpis-more" onClick={() => setOverduePages((p) => p + 1)}>
            <Text>{overdue.loading ? '正在加载…' : '加载更多'}</Text>
          </View>
        )}
      </Card>

      {k && (
        <Card title="指标口径" className="dash-definitions">
          {k.definitions.map((x) => (
            <View key={x.key} className="dash-definition">
              <Text className="dash-definition__label">{x.label}</Text>
              <Text className="dash-definition__text">{x.definition}</Text>
            </View>
          ))}
        </Card>
      )}
    </View>
  );
}

function TimeRow({ label, avg, p90 }: { label: string; avg: number | null; p90: number | null }) {
  return (
    <View className="kpis-time">
      <Text className="kpis-time__label">{label}</Text>
      <Text className="kpis-time__value">{`平均 ${duration(avg)}${within(p90)}`}</Text>
    </View>
  );
}

/** The targets not yet judged by a rate: still running within their limits (shown apart, not counted). */
function notDueText(r: ResponseKpiRow): string | null {
  const parts = [
    r.notDueReport ? `未到报到时限 ${r.notDueReport} 件` : '',
    r.notDueResolve ? `未到办结时限 ${r.notDueResolve} 件` : '',
  ].filter(Boolean);
  return parts.length ? `${parts.join('，')}，不计入比率` : null;
}

function NotDue({ r }: { r: ResponseKpiRow }) {
  const text = notDueText(r);
  if (!text) return null;
  return (
    <View className="kpis-notdue">
      <Text>{`${NOT_DUE_LABEL}：${text}`}</Text>
    </View>
  );
}

/** "九成在 10小时内": nine in ten took at most this long. */
const within = (p90: number | null) => (p90 === null ? '' : `，九成在 ${duration(p90)}内`);

function KpiRow({ r }: { r: ResponseKpiRow }) {
  const notDue = notDueText(r);
  return (
    <View className="kpis-row">
      <View className="kpis-row__head">
        <Text className="kpis-row__name">{r.name}</Text>
        <Text className="kpis-row__count">{`收到 ${r.received} · 超时 ${r.overdue}`}</Text>
      </View>
      <View className="kpis-row__rates">
        <Text className="kpis-row__rate">{`响应 ${rate(r.responseRate)}`}</Text>
        <Text className="kpis-row__rate">{`解决 ${rate(r.resolutionRate)}`}</Text>
        <Text className="kpis-row__rate">{`满意 ${rate(r.satisfactionRate)}`}</Text>
      </View>
      {notDue && <Text className="kpis-row__notdue">{`${NOT_DUE_LABEL}：${notDue}`}</Text>}
      <Text className="kpis-row__times">{`报到平均 ${duration(r.avgReportMinutes)}${within(r.p90ReportMinutes)}`}</Text>
      <Text className="kpis-row__times">
        {`办结平均 ${duration(r.avgResolveMinutes)}${within(r.p90ResolveMinutes)}`}
      </Text>
    </View>
  );
}

/** One overdue target: tap it for the whistle; 督办 opens the whistle with the reminder ready. */
function OverdueRow({ o, canRemind }: { o: OverdueWhistleItem; canRemind: boolean }) {
  const open = (remind: boolean) =>
    void Taro.navigateTo({
      url: `/packages/whistles/detail/index?id=${o.whistleId}${remind ? `&remind=${o.target.id}` : ''}`,
    });
  return (
    <View className="kpis-late" hoverClass="admin-pressed" onClick={() => open(false)}>
      <View className="kpis-late__head">
        <Text className="kpis-late__title">{o.title}</Text>
        <Text className="kpis-late__late">{`超时 ${duration(o.overdueMinutes)}`}</Text>
      </View>
      <View className="kpis-late__body">
        <View className="kpis-late__text">
          <Text className="kpis-late__meta">
            {`${o.origin.name} → ${o.target.name} · ${o.stage === 'report' ? '未报到' : '未办结'} · ${WHISTLE_URGENCY_LABELS[o.urgency]}`}
          </Text>
          <Text className="kpis-late__meta">{`时限 ${dateTime(o.dueAt)}`}</Text>
        </View>
        {canRemind && (
          <View
            className="kpis-late__remind"
            onClick={(e) => {
              e.stopPropagation();
              open(true);
            }}
          >
            <Text>督办</Text>
          </View>
        )}
        <Text className="kpis-late__arrow">›</Text>
      </View>
    </View>
  );
}
