import { useRef, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { api, type SessionUser, type WhistleSummary } from '@gongzhi/shared';
import { call } from '../../../services/api';
import { useRemote } from '../../../hooks/useRemote';
import { ErrorState, LoadingCards } from '../../../components/PageState';
import { WhistleWorkRow, WorkEmpty, WorkSection, WorkTile, go, openForMe } from './WorkKit';

const LIST_URL = '/packages/whistles/list/index';

type Filter = 'all' | 'report' | 'resolve' | 'late';

/** Every whistle still running in the caller's scope (a whistle with an open target is pending or in progress). */
async function loadRunning(): Promise<WhistleSummary[]> {
  const pages = await Promise.all(
    (['pending', 'inProgress'] as const).map((status) =>
      call(api.whistles.listWhistles, { query: { status, pageSize: 100 } }),
    ),
  );
  return pages.flatMap((p) => p.items);
}

/**
 * 工作台 of departments and street officials: the whistles waiting for their 报到 and 办结, overdue
 * first, with counts; a street also sees how many of its communities' whistles are running.
 */
export function Workbench({ user }: { user: SessionUser }) {
  const [now, setNow] = useState(Date.now());
  const running = useRemote(
    async () => {
      const rows = await loadRunning();
      setNow(Date.now());
      return rows;
    },
    [],
    true,
  );
  const [filter, setFilter] = useState<Filter>('all');
  const shown = useRef(false);
  // Back from a whistle after 报到 or 办结: the counts move.
  useDidShow(() => {
    if (shown.current) void running.reload();
    shown.current = true;
  });
  usePullDownRefresh(() => void running.reload().finally(() => Taro.stopPullDownRefresh()));

  const mine = openForMe(running.data ?? []);
  const toReport = mine.filter((w) => w.own?.status === 'pending');
  const toResolve = mine.filter((w) => w.own?.status !== 'pending');
  const late = mine.filter((w) => w.own?.overdue);
  const others = (running.data ?? []).filter((w) => !w.own).length;
  const rows = { all: mine, report: toReport, resolve: toResolve, late }[filter];
  const count = (list: WhistleSummary[]) => (running.data ? list.length : null);
  const pick = (f: Filter) => setFilter((now) => (now === f ? 'all' : f));
  const street = user.roles.includes('streetAdmin');

  return (
    <View className="page home workbench">
      <View className="home-header">
        <Text className="home-header__hello">{`${user.name}，您好`}</Text>
        <Text className="home-header__community">{user.org?.name ?? '工作台'}</Text>
        <Text className="home-header__sub">吹给我们的哨，请在时限内报到、办结</Text>
      </View>
      <View className="home-body">
        <View className="work-tiles">
          <WorkTile label="待报到" count={count(toReport)} on={filter === 'report'} onClick={() => pick('report')} />
          <WorkTile label="待办结" count={count(toResolve)} on={filter === 'resolve'} onClick={() => pick('resolve')} />
          <WorkTile label="已超时" count={count(late)} warn on={filter === 'late'} onClick={() => pick('late')} />
        </View>
        {running.loading && !running.data && <LoadingCards count={3} />}
        {running.error && !running.loading && (
          <ErrorState message={running.error} onRetry={() => void running.reload()} />
        )}
        {running.data && (
          <WorkSection
            title={{ all: '等我们处理的吹哨', report: '待报到', resolve: '待办结', late: '已超时' }[filter]}
            more="全部吹哨"
            moreUrl={LIST_URL}
            className="workbench__mine"
          >
            {rows.length === 0 && <WorkEmpty text="眼下没有等我们处理的吹哨" />}
            {rows.map((w) => (
              <WhistleWorkRow key={w.id} w={w} now={now} />
            ))}
          </WorkSection>
        )}
        {street && running.data && (
          <View className="work-link" hoverClass="work-link--pressed" onClick={() => go(LIST_URL)}>
            <Text className="work-link__text">{`本街道各社区在办的吹哨 ${others} 件`}</Text>
            <Text className="work-link__go">去督办 ›</Text>
          </View>
        )}
      </View>
    </View>
  );
}
