import { useRef, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { api } from '@gongzhi/shared';
import { call } from '../../../services/api';
import { useRemote } from '../../../hooks/useRemote';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { useAdminAccess } from '../../../hooks/useAdminAccess';
import { AdminForbidden } from '../../../components/AdminForbidden';
import { EmptyState, ErrorState, LoadingCards } from '../../../components/PageState';
import '../teams.scss';

type Tab = 'teams' | 'stations';
const go = (url: string) => void Taro.navigateTo({ url });

/** 管理 → 志愿队与服务站点: staff review applications, appoint leaders, run the stations. */
export default function ManageTeamsPage() {
  const signedIn = useSignedIn();
  const access = useAdminAccess();
  const allowed = signedIn && access.can(api.teams.updateTeam);
  const [tab, setTab] = useState<Tab>('teams');
  const teams = useRemote(() => call(api.teams.listTeams, { query: {} }), [], allowed);
  const stations = useRemote(() => call(api.teams.listStations, { query: {} }), [], allowed);
  const reload = () => Promise.all([teams.reload(), stations.reload()]);

  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current && allowed) void reload();
    shown.current = true;
  });
  usePullDownRefresh(() => void reload().finally(() => Taro.stopPullDownRefresh()));

  if (!signedIn) return <View className="tm-page" />;
  if (!allowed) return <AdminForbidden />;
  const current = tab === 'teams' ? teams : stations;
  return (
    <View className="tm-page manage-page">
      <View className="tm-tabs manage-tabs">
        <Text className={`tm-tabs__tab${tab === 'teams' ? ' tm-tabs__tab--on' : ''}`} onClick={() => setTab('teams')}>
          志愿队
        </Text>
        <Text
          className={`tm-tabs__tab${tab === 'stations' ? ' tm-tabs__tab--on' : ''}`}
          onClick={() => setTab('stations')}
        >
          服务站点
        </Text>
      </View>
      {current.loading && !current.data && <LoadingCards count={3} />}
      {current.error && !current.loading && <ErrorState message={current.error} onRetry={() => void reload()} />}
      {tab === 'teams' &&
        teams.data?.items.map((t) => (
          <View
            key={t.id}
            className="tm-card manage-team"
            hoverClass="tm-card--pressed"
            onClick={() => go(`/packages/teams/team/index?id=${t.id}`)}
          >
            <View className="tm-card__head">
              <Text className="tm-card__title">{t.name}</Text>
              <Text className="tm-pill tm-pill--grey">{t.community.name}</Text>
            </View>
            <Text className="tm-card__meta">
              {`队员 ${t.memberCount} 人 · ${t.leader ? `队长 ${t.leader.name}` : '尚未设队长'}${t.station ? ` · ${t.station.name}` : ''}`}
            </Text>
          </View>
        ))}
      {tab === 'stations' && stations.data && (
        <>
          {access.user?.community && (
            <View className="tm-button manage-new-station" onClick={() => go('/packages/teams/station-edit/index')}>
              <Text>＋ 新建服务站点</Text>
            </View>
          )}
          <View className="manage-gap" />
          {stations.data.items.length === 0 && <EmptyState text="还没有服务站点" />}
          {stations.data.items.map((s) => (
            <View
              key={s.id}
              className="tm-card manage-station"
              hoverClass="tm-card--pressed"
              onClick={() => go(`/packages/teams/station-edit/index?id=${s.id}`)}
            >
              <Text className="tm-card__title">{s.name}</Text>
              <Text className="tm-card__meta">{`${s.address} · ${s.openHours}`}</Text>
              <Text className="tm-card__meta">{`联系人 ${s.contactName} ${s.contactPhone ?? ''}`}</Text>
            </View>
          ))}
        </>
      )}
    </View>
  );
}
