import { useRef } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { MEMBERSHIP_STATUS_LABELS, api, type MyTeam, type TeamSummary } from '@gongzhi/shared';
import { call } from '../../../services/api';
import { useRemote } from '../../../hooks/useRemote';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { EmptyState, ErrorState, LoadingCards } from '../../../components/PageState';
import '../teams.scss';

const open = (url: string) => void Taro.navigateTo({ url });

function MyTeamCard({ item }: { item: MyTeam }) {
  return (
    <View
      className="tm-card my-team"
      hoverClass="tm-card--pressed"
      onClick={() => open(`/packages/teams/team/index?id=${item.team.id}`)}
    >
      <View className="tm-card__head">
        <Text className="tm-card__title">{item.team.name}</Text>
        {item.isLeader ? (
          <Text className="tm-pill">队长</Text>
        ) : (
          <Text className={`tm-pill ${item.status === 'active' ? 'tm-pill--green' : 'tm-pill--orange'}`}>
            {MEMBERSHIP_STATUS_LABELS[item.status]}
          </Text>
        )}
      </View>
      <Text className={`tm-card__meta${item.isLeader && item.pendingCount > 0 ? ' tm-card__meta--alert' : ''}`}>
        {item.isLeader && item.pendingCount > 0
          ? `有 ${item.pendingCount} 份入队申请等您审核`
          : `${item.team.community.name}${item.status === 'pending' ? ' · 等待队长审核' : ''}`}
      </Text>
    </View>
  );
}

function TeamCard({ team }: { team: TeamSummary }) {
  const status = team.myMembership?.status;
  return (
    <View
      className="tm-card team-card"
      hoverClass="tm-card--pressed"
      onClick={() => open(`/packages/teams/team/index?id=${team.id}`)}
    >
      <View className="tm-card__head">
        <Text className="tm-card__title">{team.name}</Text>
        <Text className={`tm-pill ${status ? (status === 'active' ? 'tm-pill--green' : 'tm-pill--orange') : ''}`}>
          {status ? MEMBERSHIP_STATUS_LABELS[status] : '可申请'}
        </Text>
      </View>
      {team.description && <Text className="tm-card__text">{team.description}</Text>}
      <Text className="tm-card__meta">
        {`队员 ${team.memberCount} 人 · ${team.leader ? `队长 ${team.leader.name}` : '队长待定'}`}
      </Text>
    </View>
  );
}

/** 我的 → 我的志愿队: the teams I am in or applied to, and my community's teams to join. */
export default function MyTeamsPage() {
  const signedIn = useSignedIn();
  const mine = useRemote(() => call(api.teams.listMyTeams), [], signedIn);
  const teams = useRemote(() => call(api.teams.listTeams, { query: {} }), [], signedIn);
  const reload = () => Promise.all([mine.reload(), teams.reload()]);

  // Back from a team page after joining or approving: show the new state.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current && signedIn) void reload();
    shown.current = true;
  });
  usePullDownRefresh(() => void reload().finally(() => Taro.stopPullDownRefresh()));

  const loading = (mine.loading && !mine.data) || (teams.loading && !teams.data);
  const error = mine.error ?? teams.error;
  return (
    <View className="tm-page my-teams">
      <View className="tm-hero">
        <Text className="tm-hero__title">志愿队</Text>
        <Text className="tm-hero__sub">和邻居一起，把身边的小事办好</Text>
      </View>
      <View className="tm-links">
        <View className="tm-links__item" onClick={() => open('/packages/teams/stations/index')}>
          <Text className="tm-links__icon">🏠</Text>
          <Text>服务站点</Text>
        </View>
        <View className="tm-links__item" onClick={() => open('/packages/teams/brand/index')}>
          <Text className="tm-links__icon">🎗️</Text>
          <Text>服务品牌</Text>
        </View>
      </View>
      {loading && <LoadingCards count={3} />}
      {error && !loading && <ErrorState message={error} onRetry={() => void reload()} />}
      {!loading && !error && mine.data && teams.data && (
        <>
          <Text className="tm-section">我加入的</Text>
          {mine.data.items.length === 0 ? (
            <EmptyState text="还没有加入志愿队" hint="在下面挑一支感兴趣的，申请加入吧" />
          ) : (
            mine.data.items.map((m) => <MyTeamCard key={m.team.id} item={m} />)
          )}
          <Text className="tm-section">本社区志愿队</Text>
          {teams.data.items.length === 0 ? (
            <EmptyState text="本社区还没有志愿队" />
          ) : (
            teams.data.items.map((t) => <TeamCard key={t.id} team={t} />)
          )}
        </>
      )}
    </View>
  );
}
