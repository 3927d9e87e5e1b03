import { useRef } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { ROLE_LABELS, STAFF_ROLES, api, needCountText, type NeedInbox } from '@gongzhi/shared';
import { call } from '../../services/api';
import { refreshMe } from '../../services/me';
import { useRemote } from '../../hooks/useRemote';
import { useSignedIn } from '../../hooks/useSignedIn';
import { useAdminAccess, type AdminAccess } from '../../hooks/useAdminAccess';
import { EmptyState, ErrorState, LoadingCards } from '../../components/PageState';
import { AdminForbidden } from '../../components/AdminForbidden';
import './index.scss';

/** What the home counts; null where the role has no such task, or the count did not load. */
interface Overview {
  needs: NeedInbox | null;
  pendingBookings: number | null;
  activities: { upcoming: number; drafts: number } | null;
  projects: { total: number; active: number } | null;
  menu: number | null;
  whistles: { pending: number; overdue: number; toConfirm: number } | null;
  /** Tasks whose count failed to load (the card still opens). */
  failed: number;
}

/** Who may see a task: read from the endpoints' access lists, as the API decides. */
type Can = (access: AdminAccess) => boolean;

/** A unit admin's activities are the unit's own; the county-wide counts would mislead. */
const unitOnly = (access: AdminAccess) =>
  access.roles.includes('unitAdmin') && !access.roles.some((r) => r === 'staff' || r === 'countyAdmin');

/**
 * One row of the work table: shown when `can` allows it, in this order. `sub` may read the counts
 * (`o`); `badge` is a red number on the right. `task` also names the row's `admin-task--` class.
 */
interface TaskEntry {
  task: string;
  icon: string;
  title: string;
  sub: string | ((o: Overview, access: AdminAccess) => string);
  badge?: (o: Overview) => number | null | undefined;
  url: string;
  can: Can;
}

/** Tasks whose counts the home loads (the rows read them from the overview). */
type Counted = 'needs' | 'whistles' | 'bookings' | 'activities' | 'projects' | 'menu';

const canNeeds: Can = (a) => a.can(api.needs.listNeeds);

const TASKS: readonly TaskEntry[] = [
  {
    task: 'whistles',
    icon: '哨',
    title: '吹哨报到',
    sub: (o) =>
      o.whistles
        ? [
            `待报到 ${o.whistles.pending}`,
            o.whistles.toConfirm ? `待确认 ${o.whistles.toConfirm}` : '',
            o.whistles.overdue ? `超时 ${o.whistles.overdue}` : '',
          ]
            .filter(Boolean)
            .join(' · ')
        : '限时报到、办结、确认',
    badge: (o) => o.whistles?.overdue,
    url: '/packages/whistles/list/index',
    can: (a) => a.can(api.whistles.listWhistles),
  },
  {
    task: 'patrols',
    icon: '巡',
    title: '网格巡查',
    sub: (_, a) => (a.can(api.grids.logPatrol) ? '记录每周巡查，发现问题一步转办' : '查看巡查记录和发现的问题'),
    url: '/packages/grids/patrols/index',
    can: (a) => a.can(api.grids.listPatrols),
  },
  {
    task: 'coverage',
    icon: '覆',
    title: '巡查覆盖',
    sub: '本周哪些网格还没有巡查、应由谁巡查',
    url: '/packages/grids/coverage/index',
    // Coverage is for whoever oversees several grids; a grid worker sees their own patrols.
    can: (a) => a.can(api.grids.getPatrolCoverage) && a.roles.some((r) => r !== 'gridWorker'),
  },
  {
    task: 'bookings',
    icon: '约',
    title: '场地预约审批',
    sub: (o) =>
      o.pendingBookings === null
        ? '查看并审批预约'
        : o.pendingBookings
          ? `${o.pendingBookings} 个预约等待审批`
          : '暂无待审批的预约',
    badge: (o) => o.pendingBookings,
    url: '/packages/admin/bookings/index',
    can: (a) => a.can(api.resources.approveBooking),
  },
  {
    task: 'unit-people',
    icon: '👥',
    title: '本单位服务人员',
    sub: '律师、教师、医生等：邀请本人用小程序接单',
    url: '/packages/resources/people/index',
    can: (a) => a.roles.includes('unitAdmin') && a.can(api.grants.createInvitation),
  },
  {
    task: 'activities',
    icon: '志',
    title: '志愿活动',
    sub: (o, a) =>
      o.activities && !unitOnly(a)
        ? `即将进行 ${o.activities.upcoming} 个${o.activities.drafts ? ` · 草稿 ${o.activities.drafts} 个` : ''}`
        : '发布活动、排班、签到码、确认时长',
    url: '/packages/admin/activities/index',
    can: (a) => a.can(api.activities.createActivity),
  },
  {
    task: 'projects',
    icon: '项',
    title: '公益项目',
    sub: (o) => (o.projects ? `共 ${o.projects.total} 个 · 实施中 ${o.projects.active} 个` : '立项、里程碑、公开进展'),
    url: '/packages/admin/projects/index',
    can: (a) => a.can(api.projects.updateMilestone),
  },
  {
    task: 'menu',
    icon: '单',
    title: '服务菜单',
    sub: (o) => (o.menu === null ? '管理本社区可点单的服务' : `共 ${o.menu} 项服务（含停用）`),
    url: '/packages/admin/menu/index',
    can: (a) => a.can(api.menu.listMenuAdmin),
  },
  {
    task: 'teams',
    icon: '🤝',
    title: '志愿队与服务站点',
    sub: '审核入队、设置队长、管理服务站点',
    url: '/packages/teams/manage/index',
    can: (a) => a.can(api.teams.updateTeam),
  },
  {
    task: 'dashboard',
    icon: '📊',
    title: '数据看板',
    sub: '党支部、党员、小区、“两委”、志愿服务、联建与需求统计',
    url: '/packages/admin/dashboard/index',
    can: (a) => a.can(api.stats.getDashboard),
  },
  {
    task: 'kpis',
    icon: '⏱️',
    title: '响应考核',
    sub: '吹哨报到三率、报到与办结用时、超时清单',
    url: '/packages/admin/kpis/index',
    can: (a) => a.can(api.stats.getResponseKpis),
  },
  {
    task: 'notices',
    icon: '告',
    title: '社区公告',
    sub: '发布停水停电、活动预告等通知',
    url: '/packages/admin/notices/index',
    // The board is a community's: staff post to their own (street and county roles have none).
    can: (a) => a.can(api.notices.postNotice) && !!a.user?.community,
  },
  {
    task: 'shop',
    icon: '🎁',
    title: '积分超市',
    sub: '核对领取码、上架和补货',
    url: '/packages/admin/shop/index',
    can: (a) => a.can(api.points.createShopItem) && !!a.user?.community,
  },
  // Party rosters also need the 党务 duty: without it the pages say so (the API answers 403).
  {
    task: 'party',
    icon: '🚩',
    title: '党支部与党员',
    sub: '支部人数、党员分类、支部积分排名',
    url: '/packages/admin/party-branches/index',
    can: (a) => a.can(api.party.listBranches),
  },
  {
    task: 'study-sessions',
    icon: '📖',
    title: '支部学习',
    sub: '记录三会一课、主题党日，参加党员得积分',
    url: '/packages/admin/study-sessions/index',
    can: (a) => a.can(api.party.listBranches),
  },
  {
    task: 'party-reports',
    icon: '🤝',
    title: '双报到 · 双报告',
    sub: '在职党员报到岗位、年终评价导出',
    url: '/packages/admin/party-reports/index',
    can: (a) => a.can(api.party.listBranches),
  },
  {
    task: 'invite',
    icon: '✉️',
    title: '邀请工作人员',
    sub: '发邀请码，对方用微信扫码接受即可上岗',
    url: '/packages/access/invitations/index',
    can: (a) => a.can(api.grants.createInvitation),
  },
  {
    task: 'grants',
    icon: '🪪',
    title: '人员与授权',
    sub: '谁在什么岗位、由谁授权，可撤销',
    url: '/packages/access/grants/index',
    can: (a) => a.can(api.grants.listGrants),
  },
  {
    task: 'audit',
    icon: '🔍',
    title: '审计日志',
    sub: '谁在何时查看了谁的个人信息：按人、内容、日期查询，可导出',
    url: '/packages/admin/audit/index',
    can: (a) => a.can(api.audit.searchAuditLog),
  },
  {
    task: 'roster',
    icon: '👥',
    title: '两委名册',
    sub: '“两委”及工作人员：修改、调转、离任',
    url: '/packages/admin/staff-roster/index',
    can: (a) => a.can(api.people.listStaffRoster),
  },
  {
    task: 'volunteers',
    icon: '🙋',
    title: '志愿者名册',
    sub: '本社区志愿者：修改、搬迁、退出',
    url: '/packages/admin/volunteers/index',
    can: (a) => a.can(api.rosters.listVolunteers),
  },
  {
    task: 'org',
    icon: '🏛️',
    title: '组织架构',
    sub: '街道、社区、网格、小区、楼栋和驻区单位：新建、改名、调整、合并、停用',
    url: '/packages/org/tree/index',
    can: (a) => a.can(api.org.listOrgChildren),
  },
  {
    task: 'import',
    icon: '📥',
    title: '名册导入',
    sub: '居民、志愿者、党员等名册和组织架构从 Excel 导入',
    url: '/packages/admin/import/index',
    can: (a) => a.can(api.imports.dryRunImport),
  },
];

async function pendingBookings(): Promise<number> {
  const resources = await call(api.resources.listResources, {
    query: { managed: 'true', bookable: 'true', pageSize: 100 },
  });
  const counts = await Promise.all(
    resources.items.map((r) =>
      call(api.resources.listResourceBookings, {
        params: { id: r.id },
        query: { status: 'pending', pageSize: 1 },
      }).then((b) => b.total),
    ),
  );
  return counts.reduce((a, b) => a + b, 0);
}

async function loadOverview(tasks: string[]): Promise<Overview> {
  const has = (t: Counted) => tasks.includes(t);
  const settled = await Promise.allSettled([
    has('needs') ? call(api.needs.listNeeds, { query: { pageSize: 1 } }) : null,
    has('bookings') ? pendingBookings() : null,
    has('activities')
      ? Promise.all([
          call(api.activities.listActivities, { query: { when: 'upcoming', pageSize: 1 } }),
          call(api.activities.listActivities, { query: { status: 'draft', when: 'all', pageSize: 1 } }),
        ]).then(([up, drafts]) => ({ upcoming: up.total, drafts: drafts.total }))
      : null,
    has('projects')
      ? Promise.all([
          call(api.projects.listProjects, { query: { pageSize: 1 } }),
          call(api.projects.listProjects, { query: { status: 'delivering', pageSize: 1 } }),
        ]).then(([all, active]) => ({ total: all.total, active: active.total }))
      : null,
    has('menu') ? call(api.menu.listMenuAdmin, { query: { includeInactive: 'true', pageSize: 1 } }) : null,
    has('whistles')
      ? Promise.all([
          call(api.whistles.listWhistles, { query: { status: 'pending', pageSize: 1 } }),
          call(api.whistles.listWhistles, { query: { overdue: 'true', pageSize: 1 } }),
          call(api.whistles.listWhistles, { query: { status: 'resolved', pageSize: 1 } }),
        ]).then(([pending, overdue, resolved]) => ({
          pending: pending.total,
          overdue: overdue.total,
          toConfirm: resolved.total,
        }))
      : null,
  ]);
  const value = <T,>(r: PromiseSettledResult<T | null>): T | null => (r.status === 'fulfilled' ? r.value : null);
  const failed = settled.filter((r) => r.status === 'rejected').length;
  if (failed > 0 && failed === tasks.length) {
    // Nothing loaded: show the page's error state with the first reason.
    throw (settled.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason;
  }
  const menu = value(settled[4]);
  return {
    needs: value(settled[0]),
    pendingBookings: value(settled[1]),
    activities: value(settled[2]),
    projects: value(settled[3]),
    menu: menu ? menu.total : null,
    whistles: value(settled[5]),
    failed,
  };
}

const open = (url: string) => void Taro.navigateTo({ url });

function NeedStats({ inbox, readOnlyHint }: { inbox: NeedInbox | null; readOnlyHint: boolean }) {
  const c = inbox?.counts;
  const n = (v: number | null | undefined) => (inbox ? needCountText(v ?? 0) : '—');
  const stats = [
    { key: 'submitted', label: '待受理', value: n(c?.submitted), url: 'status=submitted', tone: 'brand' },
    { key: 'overdue', label: '超时', value: n(inbox?.overdueCount), url: 'overdue=true', tone: 'alert' },
    { key: 'accepted', label: '待派单', value: n(c?.accepted), url: 'status=accepted', tone: 'plain' },
    {
      key: 'doing',
      label: '办理中',
      value: n((c?.routed ?? 0) + (c?.in_progress ?? 0)),
      url: 'status=in_progress',
      tone: 'plain',
    },
  ];
  return (
    <View className="admin-home__needs">
      <View className="admin-home__needs-head" onClick={() => open('/packages/admin/inbox/index')}>
        <Text className="section-title admin-home__needs-title">需求收件箱</Text>
        <Text className="admin-home__more">全部需求 ›</Text>
      </View>
      <View className="admin-home__stats">
        {stats.map((s) => (
          <View
            key={s.key}
            className={`admin-home__stat admin-home__stat--${s.tone} admin-stat-${s.key}`}
            onClick={() => open(`/packages/admin/inbox/index?${s.url}`)}
          >
            <Text className="admin-home__stat-value">{s.value}</Text>
            <Text className="admin-home__stat-label">{s.label}</Text>
          </View>
        ))}
      </View>
      {readOnlyHint && <Text className="admin-home__hint">街道可查看辖区内各社区的需求办理情况</Text>}
    </View>
  );
}

function TaskRow({ entry, o, access }: { entry: TaskEntry; o: Overview; access: AdminAccess }) {
  const sub = typeof entry.sub === 'string' ? entry.sub : entry.sub(o, access);
  const badge = entry.badge?.(o);
  return (
    <View className={`admin-task admin-task--${entry.task}`} onClick={() => open(entry.url)}>
      <View className="admin-task__icon">
        <Text>{entry.icon}</Text>
      </View>
      <View className="admin-task__body">
        <Text className="admin-task__title">{entry.title}</Text>
        <Text className="admin-task__sub">{sub}</Text>
      </View>
      {!!badge && <Text className="admin-task__badge">{badge > 99 ? '99+' : badge}</Text>}
      <Text className="admin-task__arrow">›</Text>
    </View>
  );
}

export default function AdminHomePage() {
  const signedIn = useSignedIn();
  const access = useAdminAccess();
  const rows = TASKS.filter((t) => t.can(access));
  // The tasks this person's roles may act on: the inbox (drawn above the rows), then the rows.
  const tasks = [...(canNeeds(access) ? ['needs'] : []), ...rows.map((t) => t.task)];
  const enabled = signedIn && access.staff && tasks.length > 0;
  const overview = useRemote(() => loadOverview(tasks), [tasks.join()], enabled);
  const shown = useRef(false);

  // A tab page stays alive: counts change after work on the inner pages, so load again on return.
  // The person is read again too: a post granted or revoked meanwhile changes the tasks.
  useDidShow(() => {
    if (shown.current && enabled) void overview.reload();
    shown.current = true;
    void refreshMe();
  });
  usePullDownRefresh(() => {
    void (enabled ? overview.reload() : Promise.resolve()).finally(() => Taro.stopPullDownRefresh());
  });

  if (!signedIn) return <View className="page" />;
  if (!access.staff) {
    return (
      <View className="page admin-home admin-home--forbidden">
        <AdminForbidden />
      </View>
    );
  }

  const user = access.user;
  const role = access.roles.find((r) => STAFF_ROLES.includes(r));
  const o = overview.data;
  const place = user?.community?.name ?? user?.org?.name ?? '';

  return (
    <View className="page admin-home">
      <View className="admin-home__header">
        <Text className="admin-home__hello">{`${user?.name ?? ''}，辛苦了`}</Text>
        <Text className="admin-home__heading">管理工作台</Text>
        <Text className="admin-home__who">{[role ? ROLE_LABELS[role] : '', place].filter(Boolean).join(' · ')}</Text>
      </View>

      <View className="admin-home__body">
        {tasks.length === 0 && <EmptyState text="暂时没有需要您处理的事项" hint="有新的任务时会在这里提醒您" />}
        {tasks.length > 0 && overview.loading && !o && <LoadingCards count={3} />}
        {tasks.length > 0 && overview.error && !overview.loading && (
          <ErrorState message={overview.error} onRetry={() => void overview.reload()} />
        )}
        {o && !overview.error && (
          <>
            {tasks.includes('needs') && (
              <NeedStats
                inbox={o.needs}
                readOnlyHint={access.roles.includes('streetAdmin') && !access.roles.includes('staff')}
              />
            )}
            {rows.length > 0 && (
              <View className="admin-home__tasks">
                {rows.map((t) => (
                  <TaskRow key={t.task} entry={t} o={o} access={access} />
                ))}
              </View>
            )}
            {o.failed > 0 && (
              <Text className="admin-home__hint admin-home__hint--center">部分数量没有加载出来，下拉可刷新</Text>
            )}
          </>
        )}
      </View>
    </View>
  );
}
