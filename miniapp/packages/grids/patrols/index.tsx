import { useRef, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { api, type FindingView, type PatrolSummary } from '@gongzhi/shared';
import { call } from '../../../services/api';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { useAdminAccess } from '../../../hooks/useAdminAccess';
import { ChipTabs, PagedFooter, usePaged } from '../../../components/ResidentKit';
import { EmptyState, ErrorState, LoadingCards } from '../../../components/PageState';
import { AdminForbidden } from '../../../components/AdminForbidden';
import { ActionBar } from '../../admin/components/ui';
import { clock, dayLabel } from '../../admin/lib/format';
import { FindingCard } from '../FindingCard';
import '../../admin/components/ui.scss';
import './index.scss';

type Tab = 'patrols' | 'open';
const TABS = [
  { key: 'patrols' as const, label: '巡查记录' },
  { key: 'open' as const, label: '待处理发现' },
];

function PatrolCard({ p }: { p: PatrolSummary }) {
  return (
    <View
      className="patrol-card"
      onClick={() => void Taro.navigateTo({ url: `/packages/grids/patrol/index?id=${p.id}` })}
    >
      <View className="patrol-card__top">
        <Text className="patrol-card__grid">{p.grid.name}</Text>
        <Text className="patrol-card__when">{`${dayLabel(p.startedAt)} ${clock(p.startedAt)}–${clock(p.endedAt)}`}</Text>
      </View>
      <Text className="patrol-card__places">{p.places.map((x) => x.name).join('、')}</Text>
      <View className="patrol-card__foot">
        <Text className="patrol-card__who">{p.patroller.name}</Text>
        <Text className={`patrol-card__findings ${p.openFindingCount ? 'patrol-card__findings--open' : ''}`}>
          {p.findingCount
            ? `发现 ${p.findingCount} 条${p.openFindingCount ? ` · ${p.openFindingCount} 条待处理` : ''}`
            : '未发现问题'}
        </Text>
      </View>
    </View>
  );
}

/** 网格巡查: the patrols in the caller's scope, the findings still to handle, and logging a new patrol. */
export default function PatrolsPage() {
  const signedIn = useSignedIn();
  const access = useAdminAccess();
  const allowed = access.can(api.grids.listPatrols);
  const canLog = access.can(api.grids.logPatrol);
  const canHandle = access.can(api.grids.closeFinding);
  const [tab, setTab] = useState<Tab>('patrols');
  const patrols = usePaged(
    (page, pageSize) => call(api.grids.listPatrols, { query: { page, pageSize } }),
    [],
    signedIn && allowed && tab === 'patrols',
  );
  const findings = usePaged(
    (page, pageSize) => call(api.grids.listFindings, { query: { status: 'open', page, pageSize } }),
    [],
    signedIn && allowed && tab === 'open',
  );
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current && allowed) void (tab === 'patrols' ? patrols.refresh() : findings.refresh());
    shown.current = true;
  });

  if (!signedIn) return <View className="page" />;
  if (!allowed) return <AdminForbidden />;
  const list = tab === 'patrols' ? patrols : findings;

  return (
    <View className="page patrols">
      <ChipTabs options={TABS} value={tab} onChange={setTab} className="patrols__tabs" />
      {list.loading && <LoadingCards count={3} />}
      {list.error && !list.loading && <ErrorState message={list.error} onRetry={() => void list.reload()} />}
      {!list.loading && !list.error && list.items.length === 0 && (
        <EmptyState
          text={tab === 'patrols' ? '还没有巡查记录' : '没有待处理的发现'}
          hint={tab === 'patrols' && canLog ? '每周至少巡查一次本网格，发现的问题可一步转为需求或吹哨' : undefined}
        />
      )}
      {tab === 'patrols' && patrols.items.map((p) => <PatrolCard key={p.id} p={p} />)}
      {tab === 'open' &&
        findings.items.map((f) => (
          <FindingCard
            key={f.id}
            f={f}
            canHandle={canHandle}
            onChanged={(next) => findings.replace(next, (a: FindingView, b: FindingView) => a.id === b.id)}
          />
        ))}
      <PagedFooter list={list} />
      {canLog && (
        <ActionBar>
          <Button
            type="primary"
            block
            className="patrols__new"
            onClick={() => void Taro.navigateTo({ url: '/packages/grids/patrol-new/index' })}
          >
            记录巡查
          </Button>
        </ActionBar>
      )}
    </View>
  );
}
