import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text, ScrollView, Picker } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  MENU_CATEGORIES,
  NEED_STATUSES,
  NEED_STATUS_LABELS,
  api,
  needCountText,
  type MenuCategoryCode,
  type NeedInbox,
  type NeedStatus,
  type NeedSummary,
  type OrgNode,
} from '@gongzhi/shared';
import { call } from '../../../services/api';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { useRemote } from '../../../hooks/useRemote';
import { useAdminAccess } from '../../../hooks/useAdminAccess';
import { AdminForbidden } from '../../../components/AdminForbidden';
import { usePaged } from '../lib/usePaged';
import { NeedCard } from '../components/NeedCard';
import { Sheet, PickerValue, Field } from '../components/ui';
import { AdminList, useListPage } from '../components/AdminList';
import '../components/ui.scss';
import './index.scss';

type Tab = NeedStatus | 'all';
const TABS: Tab[] = [
  'submitted',
  'accepted',
  'routed',
  'in_progress',
  'done',
  'closed',
  'rejected',
  'withdrawn',
  'all',
];

interface Filters {
  category: MenuCategoryCode | null;
  grid: OrgNode | null;
  from: string | null;
  to: string | null;
}

function initialTab(status: string | undefined): Tab {
  return status && (NEED_STATUSES as readonly string[]).includes(status)
    ? (status as NeedStatus)
    : status === 'all'
      ? 'all'
      : 'submitted';
}

export default function InboxPage() {
  const params = useRouter().params;
  const signedIn = useSignedIn();
  const access = useAdminAccess();
  const allowed = access.can(api.needs.listNeeds);
  const [tab, setTab] = useState<Tab>(() => (params.overdue === 'true' ? 'all' : initialTab(params.status)));
  const [overdue, setOverdue] = useState(params.overdue === 'true');
  const [filters, setFilters] = useState<Filters>({ category: null, grid: null, from: null, to: null });
  const [dateSheet, setDateSheet] = useState(false);
  const [draftDates, setDraftDates] = useState<{ from: string | null; to: string | null }>({ from: null, to: null });

  const enabled = signedIn && allowed;
  // Grids of the caller's community for the grid filter (street and county callers have none).
  const places = useRemote(() => call(api.grids.listPlaces), [], enabled && !!access.user?.community);

  const list = usePaged<NeedSummary, NeedInbox>(
    async (page) => {
      const res = await call(api.needs.listNeeds, {
        query: {
          status: tab === 'all' ? undefined : tab,
          overdue: overdue ? 'true' : undefined,
          categoryCode: filters.category ?? undefined,
          gridId: filters.grid?.id,
          from: filters.from ?? undefined,
          to: filters.to ?? undefined,
          // Most urgent first: overdue, then due soonest, then newest (finished needs have no limit: newest first).
          sort: 'urgent',
          page,
          pageSize: 10,
        },
      });
      return { items: res.items, total: res.total, extra: res };
    },
    [tab, overdue, filters],
    enabled,
  );

  // Coming back from a need after acting on it: its status and the counts have changed.
  useListPage(list, { reloadOnShow: enabled });

  const counts = list.extra?.counts;
  const grids = places.data?.grids ?? [];

  if (!signedIn) return <View className="page" />;
  if (!allowed) {
    return (
      <View className="page admin-page">
        <AdminForbidden detail={access.staff ? '您的角色不处理居民需求。' : undefined} />
      </View>
    );
  }

  const categoryNames = ['全部类别', ...MENU_CATEGORIES.map((c) => c.name)];
  const gridNames = ['全部网格', ...grids.map((g) => g.name)];
  const dateText = filters.from || filters.to ? `${filters.from ?? '…'} 至 ${filters.to ?? '…'}` : '提交日期';
  const filtered = !!(filters.category || filters.grid || filters.from || filters.to || overdue);

  return (
    <View className="page admin-page admin-inbox">
      <ScrollView scrollX className="admin-tabs admin-inbox__tabs" enhanced showScrollbar={false}>
        {TABS.map((t) => {
          // Finished statuses and 全部 carry no badge (the API counts only what is still to handle).
          const n = t === 'all' ? null : (counts?.[t] ?? null);
          return (
            <View
              key={t}
              className={`admin-tabs__item inbox-tab inbox-tab--${t} ${tab === t ? 'admin-tabs__item--on' : ''}`}
              onClick={() => setTab(t)}
            >
              <Text>{t === 'all' ? '全部' : NEED_STATUS_LABELS[t]}</Text>
              {n !== null && <Text className="admin-tabs__count">{needCountText(n)}</Text>}
            </View>
          );
        })}
      </ScrollView>

      <View className="admin-inbox__filters">
        <View
          className={`inbox-filter inbox-filter--overdue ${overdue ? 'inbox-filter--alert' : ''}`}
          onClick={() => setOverdue(!overdue)}
        >
          <Text>{`超时 ${list.extra ? needCountText(list.extra.overdueCount) : ''}`}</Text>
        </View>
        <Picker
          mode="selector"
          range={categoryNames}
          value={filters.category ? MENU_CATEGORIES.findIndex((c) => c.code === filters.category) + 1 : 0}
          onChange={(e) => {
            const i = Number(e.detail.value);
            setFilters({ ...filters, category: i === 0 ? null : MENU_CATEGORIES[i - 1].code });
          }}
        >
          <View className={`inbox-filter ${filters.category ? 'inbox-filter--on' : ''}`}>
            <Text>{filters.category ? MENU_CATEGORIES.find((c) => c.code === filters.category)?.name : '类别'} ▾</Text>
          </View>
        </Picker>
        {grids.length > 0 && (
          <Picker
            mode="selector"
            range={gridNames}
            value={filters.grid ? grids.findIndex((g) => g.id === filters.grid?.id) + 1 : 0}
            onChange={(e) => {
              const i = Number(e.detail.value);
              setFilters({ ...filters, grid: i === 0 ? null : grids[i - 1] });
            }}
          >
            <View className={`inbox-filter ${filters.grid ? 'inbox-filter--on' : ''}`}>
              <Text>{filters.grid?.name ?? '网格'} ▾</Text>
            </View>
          </Picker>
        )}
        <View
          className={`inbox-filter ${filters.from || filters.to ? 'inbox-filter--on' : ''}`}
          onClick={() => {
            setDraftDates({ from: filters.from, to: filters.to });
            setDateSheet(true);
          }}
        >
          <Text>{dateText} ▾</Text>
        </View>
      </View>

      <AdminList
        list={list}
        empty={{
          text: filtered ? '没有符合条件的需求' : tab === 'submitted' ? '新的点单都处理完了' : '这里还没有需求',
          hint: filtered ? '换个条件试试' : '居民点单后会出现在这里',
        }}
        render={(need) => (
          <NeedCard
            key={need.id}
            need={need}
            onOpen={(n) => void Taro.navigateTo({ url: `/packages/admin/need/index?id=${n.id}` })}
          />
        )}
      />

      <Sheet
        open={dateSheet}
        title="按提交日期筛选"
        onClose={() => setDateSheet(false)}
        footer={
          <>
            <Button
              shape="round"
              size="large"
              onClick={() => {
                setFilters({ ...filters, from: null, to: null });
                setDateSheet(false);
              }}
            >
              清除日期
            </Button>
            <Button
              type="primary"
              shape="round"
              size="large"
              onClick={() => {
                setFilters({ ...filters, ...draftDates });
                setDateSheet(false);
              }}
            >
              确定
            </Button>
          </>
        }
      >
        <Field label="开始日期">
          <Picker
            mode="date"
            value={draftDates.from ?? ''}
            onChange={(e) => setDraftDates({ ...draftDates, from: e.detail.value })}
          >
            <PickerValue text={draftDates.from} placeholder="不限" />
          </Picker>
        </Field>
        <Field
          label="结束日期"
          error={
            draftDates.from && draftDates.to && draftDates.to < draftDates.from ? '结束日期不能早于开始日期' : undefined
          }
        >
          <Picker
            mode="date"
            value={draftDates.to ?? ''}
            onChange={(e) => setDraftDates({ ...draftDates, to: e.detail.value })}
          >
            <PickerValue text={draftDates.to} placeholder="不限" />
          </Picker>
        </Field>
      </Sheet>
    </View>
  );
}
