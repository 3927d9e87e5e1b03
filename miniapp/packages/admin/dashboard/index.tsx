import { useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { api, percent, type CountedItem, type DashboardOverview } from '@gongzhi/shared';
import { call, messageOf } from '../../../services/api';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { useRemote } from '../../../hooks/useRemote';
import { useAdminAccess } from '../../../hooks/useAdminAccess';
import { ErrorState, LoadingCards } from '../../../components/PageState';
import { AdminForbidden } from '../../../components/AdminForbidden';
import { Card } from '../components/ui';
import { Chart, CHART_COLORS } from '../charts/Chart';
import { openExcel } from '../lib/download';
import { ExportButton, Figure, Legend, Shares, pct } from './parts';
import '../components/ui.scss';
import './index.scss';

const BRANCHES_SHOWN = 12;
const UNITS_SHOWN = 8;

/** 数据看板: section 三's findings over the caller's place, with charts and an Excel export. */
export default function AdminDashboardPage() {
  const signedIn = useSignedIn();
  const access = useAdminAccess();
  const allowed = access.can(api.stats.getDashboard);
  const overview = useRemote(() => call(api.stats.getDashboard), [], signedIn && allowed);
  const [exporting, setExporting] = useState(false);

  usePullDownRefresh(() => void overview.reload().finally(() => Taro.stopPullDownRefresh()));

  if (!allowed) return <AdminForbidden />;
  const d = overview.data;

  const exportExcel = async () => {
    if (!d) return;
    setExporting(true);
    try {
      await openExcel(api.stats.exportDashboard, { asOf: d.asOf }, `数据看板_${d.scope.name}_${d.asOf}.xlsx`);
    } catch (e) {
      void Taro.showToast({ title: messageOf(e), icon: 'none' });
    } finally {
      setExporting(false);
    }
  };

  return (
    <View className="page admin-page dashboard">
      <View className="dashboard__hero">
        <View className="dashboard__hero-text">
          <Text className="dashboard__scope">{d ? d.scope.name : '数据看板'}</Text>
          <Text className="dashboard__asof">{d ? `统计日期 ${d.asOf} · 占比保留两位小数` : '正在统计…'}</Text>
        </View>
        <ExportButton busy={exporting} disabled={!d} onClick={() => void exportExcel()} />
      </View>
      {overview.loading && !d && <LoadingCards count={4} />}
      {overview.error && !overview.loading && (
        <ErrorState message={overview.error} onRetry={() => void overview.reload()} />
      )}
      {d && !overview.error && <Sections d={d} />}
    </View>
  );
}

function Sections({ d }: { d: DashboardOverview }) {
  const b = d.branches;
  const m = d.partyMembers;
  const c = d.complexes;
  const s = d.staff;
  const shownBranches = b.items.slice(0, BRANCHES_SHOWN);
  const units = d.units.items.slice(0, UNITS_SHOWN);
  return (
    <>
      <Card title="党支部规模" className="dash-branches">
        <View className="dash-figures">
          <Figure value={`${b.overLimit}/${b.total}`} label={`超过${b.limit}人的支部`} tone="alert" />
          <Figure value={pct(b.overLimitShare)} label="占支部总数" tone="alert" />
          <Figure value={String(b.over100)} label="超过100人" />
        </View>
        <View className="dash-rule">
          <Text className="dash-rule__text">{b.rule}</Text>
        </View>
        {b.total === 0 ? (
          <Text className="dash-empty">还没有党支部名册</Text>
        ) : (
          <>
            <Chart
              id="chart-branches"
              type="column"
              height={220}
              categories={shownBranches.map((x) => short(x.name))}
              series={[
                {
                  name: '党员人数',
                  data: shownBranches.map((x) => ({ value: x.members, color: x.overLimit ? '#D42A1F' : '#C9BDB5' })),
                },
              ]}
              markLine={{ value: b.limit }}
            />
            <View className="dash-caption">
              <View className="dash-caption__line" />
              <Text className="dash-caption__text">{`虚线为${b.limit}人上限，红色柱为超过上限的支部`}</Text>
            </View>
            {b.items.some((x) => x.overLimit) && (
              <View className="dash-list">
                {b.items
                  .filter((x) => x.overLimit)
                  .map((x) => (
                    <View key={x.id} className="dash-list__row">
                      <Text className="dash-list__name">{x.name}</Text>
                      <Text className="dash-list__value dash-list__value--alert">{`${x.members}人`}</Text>
                    </View>
                  ))}
              </View>
            )}
          </>
        )}
      </Card>

      <Card title="党员结构" className="dash-members">
        <View className="dash-figures">
          <Figure value={String(m.total)} label="在册党员" />
          <Figure value={pct(m.aged50PlusShare)} label={`50岁以上 ${m.aged50Plus}人`} tone="warn" />
          <Figure value={pct(m.mobileShare)} label={`流动党员 ${m.mobile}人`} tone="warn" />
        </View>
        {m.total > 0 && (
          <Chart
            id="chart-member-ages"
            type="ring"
            height={230}
            categories={m.ageBands.map((x) => x.label)}
            series={[{ name: '人数', data: m.ageBands.map((x) => x.count) }]}
            centre={{ title: String(m.total), sub: '名党员' }}
          />
        )}
        {m.total > 0 && <Legend items={m.ageBands} unit="人" />}
      </Card>

      <Card title="老旧小区" className="dash-complexes">
        <View className="dash-figures">
          <Figure value={`${c.old}/${c.total}`} label="老旧小区" />
          <Figure value={pct(c.oldShare)} label="占小区总数" tone="warn" />
          <Figure value={pct(c.oldNoPropertyShare)} label={`老旧小区无物业 ${c.oldNoProperty}个`} tone="alert" />
        </View>
        {c.total > 0 && (
          <Chart
            id="chart-complexes"
            type="ring"
            height={210}
            colors={COMPLEX_COLORS}
            categories={complexParts(c).map((x) => x.label)}
            series={[{ name: '小区', data: complexParts(c).map((x) => x.count) }]}
            centre={{ title: String(c.total), sub: '个小区' }}
          />
        )}
        {c.total > 0 && <Legend items={complexParts(c)} unit="个" colors={COMPLEX_COLORS} />}
      </Card>

      <Card
        title="社区“两委”人员"
        extra={<Text className="dash-count">{`共 ${s.total} 人`}</Text>}
        className="dash-staff"
      >
        <View className="dash-figures">
          <Figure value={s.averageAge === null ? '—' : `${s.averageAge.toFixed(1)}岁`} label="平均年龄" />
          <Figure value={pct(s.aged40PlusShare)} label={`40岁以上 ${s.aged40Plus}人`} tone="warn" />
          <Figure value={pct(s.collegeOrBelowShare)} label={`专科及以下 ${s.collegeOrBelow}人`} tone="warn" />
        </View>
        {s.total > 0 ? (
          <>
            <Text className="dash-sub">学历结构</Text>
            <Chart
              id="chart-staff-education"
              type="bar"
              height={200}
              categories={s.education.map((x) => x.label)}
              series={[{ name: '人数', data: s.education.map((x) => x.count), color: '#EF6A24' }]}
            />
            <Text className="dash-sub">年龄结构</Text>
            <Shares items={s.ageBands} />
          </>
        ) : (
          <Text className="dash-empty">还没有“两委”人员名册</Text>
        )}
      </Card>

      <Card title="志愿服务品牌" className="dash-brands">
        {d.brands.warning && (
          <View className="dash-warning">
            <Text className="dash-warning__icon">!</Text>
            <Text className="dash-warning__text">{d.brands.warning.message}</Text>
          </View>
        )}
        {d.brands.total === 0 ? (
          <Text className="dash-empty">还没有已发布的志愿服务活动</Text>
        ) : (
          <>
            <Chart
              id="chart-brands"
              type="ring"
              height={230}
              categories={d.brands.items.map((x) => x.label)}
              series={[{ name: '活动', data: d.brands.items.map((x) => x.count) }]}
              centre={{ title: String(d.brands.total), sub: '次活动' }}
            />
            <Legend items={d.brands.items} unit="次" />
          </>
        )}
      </Card>

      <Card title="联建活动形式" className="dash-formats">
        <View className="dash-figures">
          <Figure value={String(d.formats.total)} label="联建活动" />
          <Figure value={pct(d.formats.meetingShare)} label={`座谈式/报告式 ${d.formats.meeting}次`} tone="warn" />
          <Figure value={pct(d.formats.serviceShare)} label={`服务式 ${d.formats.service}次`} />
        </View>
        {d.formats.total > 0 && (
          <View className="dash-split">
            <View
              className="dash-split__part dash-split__part--meeting"
              style={{ width: `${d.formats.meetingShare ?? 0}%` }}
            />
            <View className="dash-split__part dash-split__part--service" style={{ flex: 1 }} />
          </View>
        )}
      </Card>

      <Card title="驻区单位参与度" className="dash-units">
        <Text className="dash-note">参与度 = 组织的活动数 + 本单位人员认领的名额数</Text>
        {units.length === 0 ? (
          <Text className="dash-empty">辖区内还没有驻区单位</Text>
        ) : (
          <>
            <Chart
              id="chart-units"
              type="bar"
              height={Math.max(160, units.length * 34)}
              categories={units.map((u) => u.name)}
              series={[
                { name: '组织活动', data: units.map((u) => u.organised), color: CHART_COLORS[0] },
                // The seats series only when someone claimed one: a row of zeros is noise.
                ...(units.some((u) => u.seats > 0)
                  ? [{ name: '认领名额', data: units.map((u) => u.seats), color: CHART_COLORS[2] }]
                  : []),
              ]}
            />
            <View className="dash-list">
              {d.units.items.map((u) => (
                <View key={u.id} className="dash-list__row">
                  <Text className={`dash-rank ${u.rank <= 3 ? 'dash-rank--top' : ''}`}>{u.rank}</Text>
                  <Text className="dash-list__name">{u.name}</Text>
                  <Text className="dash-list__value">{u.participation}</Text>
                </View>
              ))}
            </View>
          </>
        )}
      </Card>

      <Card title="需求" extra={<Text className="dash-count">{`共 ${d.needs.total} 件`}</Text>} className="dash-needs">
        {d.needs.total === 0 ? (
          <Text className="dash-empty">还没有居民需求</Text>
        ) : (
          <>
            <Text className="dash-sub">按服务类别</Text>
            <Chart
              id="chart-need-categories"
              type="column"
              height={200}
              categories={d.needs.byCategory.map((x) => x.label)}
              series={[{ name: '需求', data: d.needs.byCategory.map((x) => x.count), color: '#3B6FE0' }]}
            />
            <Text className="dash-sub">按办理状态</Text>
            <Shares items={d.needs.byStatus.filter((x) => x.count > 0)} />
          </>
        )}
      </Card>

      <Card title="统计口径" className="dash-definitions">
        {d.definitions.map((x) => (
          <View key={x.key} className="dash-definition">
            <Text className="dash-definition__label">{x.label}</Text>
            <Text className="dash-definition__text">{x.definition}</Text>
          </View>
        ))}
      </Card>
    </>
  );
}

const COMPLEX_COLORS = ['#D42A1F', '#F7C76B', '#2E9E6B', '#3B6FE0'];

/** The complexes split four ways, each with its share of all complexes. */
function complexParts(c: DashboardOverview['complexes']): CountedItem[] {
  const parts: [string, number][] = [
    ['老旧小区·无物业', c.oldNoProperty],
    ['老旧小区·有物业', c.old - c.oldNoProperty],
    ['其他小区·有物业', c.total - c.old - (c.noProperty - c.oldNoProperty)],
    ['其他小区·无物业', c.noProperty - c.oldNoProperty],
  ];
  return parts.map(([label, count]) => ({ code: label, label, count, share: percent(count, c.total) }));
}

/** Branch names on a narrow axis: drop the community prefix the whole chart shares. */
function short(name: string): string {
  return name.replace('社区', '').replace('党支部', '') || name;
}
