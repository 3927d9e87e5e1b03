import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text, ScrollView } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { ACTIVITY_FORMAT_LABELS, ACTIVITY_STATUS_LABELS, api, type ActivitySummary } from '@gongzhi/shared';
import { call } from '../../../services/api';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { useRemote } from '../../../hooks/useRemote';
import { useAdminAccess } from '../../../hooks/useAdminAccess';
import { AdminForbidden } from '../../../components/AdminForbidden';
import { usePaged } from '../lib/usePaged';
import { dayLabel, clock } from '../lib/format';
import { ActionBar, Tag } from '../components/ui';
import { AdminList, useListPage } from '../components/AdminList';
import '../components/ui.scss';
import './index.scss';

type Tab = 'upcoming' | 'draft' | 'past' | 'cancelled';
const TABS: { key: Tab; label: string }[] = [
  { key: 'upcoming', label: '即将进行' },
  { key: 'draft', label: '草稿' },
  { key: 'past', label: '已结束' },
  { key: 'cancelled', label: '已取消' },
];

function query(tab: Tab) {
  switch (tab) {
    case 'upcoming':
      return { status: 'published' as const, when: 'upcoming' as const };
    case 'past':
      return { status: 'published' as const, when: 'past' as const };
    case 'draft':
      return { status: 'draft' as const, when: 'all' as const };
    default:
      return { status: 'cancelled' as const, when: 'all' as const };
  }
}

function ActivityRow({ a }: { a: ActivitySummary }) {
  const seats = a.shifts.reduce((n, s) => n + s.seats, 0);
  const taken = a.shifts.reduce((n, s) => n + s.taken, 0);
  return (
    <View
      className="admin-activity"
      onClick={() => void Taro.navigateTo({ url: `/packages/admin/activity-edit/index?id=${a.id}` })}
    >
      <View className="admin-activity__top">
        <Text className="admin-activity__title">{a.title}</Text>
        <Tag tone={a.status === 'published' ? 'green' : a.status === 'draft' ? 'orange' : 'grey'}>
          {ACTIVITY_STATUS_LABELS[a.status]}
        </Tag>
      </View>
      <View className="admin-activity__tags">
        <Tag tone="brand">{a.brandName}</Tag>
        {a.teamName && <Tag tone="blue">{a.teamName}</Tag>}
        <Tag>{ACTIVITY_FORMAT_LABELS[a.format]}</Tag>
      </View>
      <Text className="admin-activity__line">
        {a.startsAt ? `🕘 ${dayLabel(a.startsAt)} ${clock(a.startsAt)} 起` : '🕘 还没有班次'}
      </Text>
      <Text className="admin-activity__line">{`📍 ${a.address}`}</Text>
      <View className="admin-activity__foot">
        <Text>{`${a.shifts.length} 个班次`}</Text>
        <Text className="admin-activity__seats">{seats ? `已认领 ${taken}/${seats}` : '未设名额'}</Text>
      </View>
    </View>
  );
}

export default function AdminActivitiesPage() {
  const signedIn = useSignedIn();
  const access = useAdminAccess();
  const allowed = access.staff && access.can(api.activities.createActivity);
  const [tab, setTab] = useState<Tab>('upcoming');
  const unitOnly =
    access.roles.includes('unitAdmin') && !access.roles.includes('staff') && !access.roles.includes('countyAdmin');
  // A unit admin organises in the unit's name: the unit is the one whose resources they manage.
  const units = useRemote(
    async () => {
      const r = await call(api.resources.listResources, { query: { managed: 'true', pageSize: 100 } });
      return new Set(r.items.map((x) => x.unit?.id).filter((x): x is string => !!x));
    },
    [],
    signedIn && allowed && unitOnly,
  );
  const ready = !unitOnly || units.data !== null || units.error !== null;
  const list = usePaged<ActivitySummary>(
    async (page) => {
      const res = await call(api.activities.listActivities, { query: { ...query(tab), page, pageSize: 20 } });
      if (!unitOnly) return res;
      const mine = units.data;
      const items = res.items.filter((a) => a.organiser.kind === 'unit' && (!mine?.size || mine.has(a.organiser.id)));
      return { items, total: res.total - (res.items.length - items.length) };
    },
    [tab, units.data],
    signedIn && allowed && ready,
  );
  useListPage(list, { reloadOnShow: allowed });

  if (!signedIn) return <View className="page" />;
  if (!allowed) {
    return (
      <View className="page admin-page">
        <AdminForbidden detail={access.staff ? '志愿活动由社区工作者、驻区单位管理员和县级管理员发布。' : undefined} />
      </View>
    );
  }

  return (
    <View className="page admin-page admin-activities">
      <ScrollView scrollX className="admin-tabs admin-activities__tabs" enhanced showScrollbar={false}>
        {TABS.map((t) => (
          <View
            key={t.key}
            className={`admin-tabs__item ${tab === t.key ? 'admin-tabs__item--on' : ''}`}
            onClick={() => setTab(t.key)}
          >
            <Text>{t.label}</Text>
          </View>
        ))}
      </ScrollView>
      <AdminList
        list={list}
        empty={{ text: '这里还没有活动', hint: '点下方“发布活动”，排好班次后志愿者就能认领' }}
        render={(a) => <ActivityRow key={a.id} a={a} />}
      />
      <ActionBar>
        <Button
          className="admin-activities__add"
          type="primary"
          shape="round"
          size="large"
          onClick={() => void Taro.navigateTo({ url: '/packages/admin/activity-edit/index' })}
        >
          发布活动
        </Button>
      </ActionBar>
    </View>
  );
}
