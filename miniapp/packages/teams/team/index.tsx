import { useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { TEAM_JOINERS, api, type MembershipStatus, type TeamDetail, type TeamMember } from '@gongzhi/shared';
import { call, messageOf } from '../../../services/api';
import { getSavedUser } from '../../../services/session';
import { useRemote } from '../../../hooks/useRemote';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { usePaged } from '../../../hooks/usePaged';
import { EmptyState, ErrorState, LoadingCards } from '../../../components/PageState';
import { PagedFooter, requestKey } from '../../../components/ResidentKit';
import { dateTimeText } from '../../../components/ActivityKit/time';
import '../teams.scss';

async function ask(title: string, content: string, confirmText: string): Promise<boolean> {
  const { confirm } = await Taro.showModal({
    title,
    content,
    confirmText,
    cancelText: '再想想',
    confirmColor: '#D42A1F',
  });
  return confirm;
}

async function run(action: () => Promise<unknown>, done: string, after: () => Promise<unknown>) {
  try {
    await action();
    void Taro.showToast({ title: done, icon: 'success' });
  } catch (err) {
    void Taro.showToast({ title: messageOf(err), icon: 'none', duration: 3000 });
  }
  await after();
}

function Members({ team, onChange }: { team: TeamDetail; onChange: () => Promise<void> }) {
  const [status, setStatus] = useState<MembershipStatus>(team.pendingCount > 0 ? 'pending' : 'active');
  const list = usePaged(
    (page, pageSize) => call(api.teams.listTeamMembers, { params: { id: team.id }, query: { status, page, pageSize } }),
    [team.id, status],
    true,
    20,
  );
  const refresh = async () => {
    await Promise.all([list.refresh(), onChange()]);
  };
  const params = (m: TeamMember) => ({ params: { id: team.id, personId: m.personId } });

  const approve = async (m: TeamMember) => {
    if (!(await ask('通过申请', `同意 ${m.name} 加入「${team.name}」吗？`, '同意'))) return;
    await run(() => call(api.teams.approveMember, params(m)), '已通过', refresh);
  };
  const reject = async (m: TeamMember) => {
    if (!(await ask('拒绝申请', `拒绝 ${m.name} 的入队申请？对方会收到通知。`, '拒绝'))) return;
    await run(() => call(api.teams.rejectMember, { ...params(m), body: { reason: '' } }), '已拒绝', refresh);
  };
  const remove = async (m: TeamMember) => {
    if (!(await ask('移出队伍', `确定将 ${m.name} 移出「${team.name}」吗？对方会收到通知。`, '移出'))) return;
    await run(() => call(api.teams.removeMember, params(m)), '已移出', refresh);
  };

  const appoint = async (m: TeamMember) => {
    if (!(await ask('设为队长', `由 ${m.name} 担任「${team.name}」队长，负责审核入队申请？`, '确定'))) return;
    await run(
      () => call(api.teams.updateTeam, { params: { id: team.id }, body: { leaderId: m.personId } }),
      '已设为队长',
      refresh,
    );
  };

  return (
    <View className="tm-card team-members">
      <View className="tm-card__head">
        <Text className="tm-card__title">队员管理</Text>
      </View>
      <View className="tm-tabs">
        {(['pending', 'active'] as const).map((s) => (
          <Text
            key={s}
            className={`tm-tabs__tab${status === s ? ' tm-tabs__tab--on' : ''}`}
            onClick={() => setStatus(s)}
          >
            {s === 'pending' ? `待审核 ${team.pendingCount}` : `队员 ${team.memberCount}`}
          </Text>
        ))}
      </View>
      {list.loading && <LoadingCards count={2} />}
      {list.error && !list.loading && <ErrorState message={list.error} onRetry={() => void list.reload()} />}
      {!list.loading && !list.error && list.items.length === 0 && (
        <EmptyState text={status === 'pending' ? '没有待审核的申请' : '还没有队员'} />
      )}
      {list.items.map((m) => (
        <View key={m.personId} className="tm-row team-member">
          <View className="tm-row__body">
            <Text className="tm-row__name">{m.isLeader ? `${m.name}（队长）` : m.name}</Text>
            <Text className="tm-row__sub">{m.phone ?? '未留电话'}</Text>
            <Text className="tm-row__sub">
              {`${m.status === 'pending' ? '申请于' : '入队于'} ${dateTimeText(m.approvedAt ?? m.appliedAt)}`}
            </Text>
          </View>
          <View className="tm-row__actions">
            {m.status === 'pending' && (
              <>
                <Text className="tm-row__action tm-row__action--plain" onClick={() => void reject(m)}>
                  拒绝
                </Text>
                <Text className="tm-row__action" onClick={() => void approve(m)}>
                  通过
                </Text>
              </>
            )}
            {m.status === 'active' && !m.isLeader && team.canEdit && (
              <Text className="tm-row__action tm-row__action--plain" onClick={() => void appoint(m)}>
                设为队长
              </Text>
            )}
            {m.status === 'active' && !m.isLeader && (
              <Text className="tm-row__action tm-row__action--plain" onClick={() => void remove(m)}>
                移出
              </Text>
            )}
          </View>
        </View>
      ))}
      {list.items.length > 0 && <PagedFooter list={list} />}
    </View>
  );
}

function Activities({ teamId }: { teamId: string }) {
  const list = useRemote(
    () =>
      call(api.teams.listTeamActivities, { params: { id: teamId }, query: { when: 'upcoming', page: 1, pageSize: 5 } }),
    [teamId],
  );
  if (!list.data || list.data.items.length === 0) return null;
  return (
    <>
      <Text className="tm-section">近期活动</Text>
      {list.data.items.map((a) => (
        <View
          key={a.id}
          className="tm-card"
          hoverClass="tm-card--pressed"
          onClick={() => void Taro.navigateTo({ url: `/packages/activities/detail/index?id=${a.id}` })}
        >
          <View className="tm-card__head">
            <Text className="tm-card__title">{a.title}</Text>
            <Text className="tm-pill">{a.brandName}</Text>
          </View>
          <Text className="tm-card__meta">{`${a.startsAt ? dateTimeText(a.startsAt) : '时间待定'} · ${a.address}`}</Text>
        </View>
      ))}
    </>
  );
}

/** A team's page: what it does, joining or leaving, and for its leader (or staff) the members. */
export default function TeamPage() {
  const id = useRouter().params.id ?? '';
  const signedIn = useSignedIn();
  const team = useRemote(() => call(api.teams.getTeam, { params: { id } }), [id], signedIn && !!id);
  usePullDownRefresh(() => void team.reload().finally(() => Taro.stopPullDownRefresh()));

  const join = async (t: TeamDetail) => {
    if (!(await ask('申请入队', `申请加入「${t.name}」？队长审核通过后您会收到消息。`, '申请'))) return;
    await run(
      () =>
        call(api.teams.joinTeam, {
          params: { id: t.id },
          body: { note: '' },
          header: { 'Idempotency-Key': requestKey() },
        }),
      '已提交申请',
      team.reload,
    );
  };
  const leave = async (t: TeamDetail) => {
    const pending = t.myMembership?.status === 'pending';
    const ok = await ask(
      pending ? '撤回申请' : '退出志愿队',
      pending ? '撤回入队申请？' : `确定退出「${t.name}」吗？`,
      pending ? '撤回' : '退出',
    );
    if (!ok) return;
    await run(() => call(api.teams.leaveTeam, { params: { id: t.id } }), pending ? '已撤回' : '已退出', team.reload);
  };

  const chooseStation = async (t: TeamDetail) => {
    try {
      const { items } = await call(api.teams.listStations, { query: { communityId: t.community.id } });
      // An action sheet holds six lines: the first five stations and 不设站点.
      const options = items.slice(0, 5);
      if (!options.length) return void Taro.showToast({ title: '本社区还没有服务站点', icon: 'none' });
      const { tapIndex } = await Taro.showActionSheet({ itemList: [...options.map((o) => o.name), '不设站点'] });
      const stationId = options[tapIndex]?.id ?? null;
      await run(() => call(api.teams.updateTeam, { params: { id: t.id }, body: { stationId } }), '已保存', team.reload);
    } catch {
      // Closing the sheet is not an error.
    }
  };

  const t = team.data;
  const me = getSavedUser();
  const isLeader = !!t?.leader && t.leader.id === me?.id;
  // Staff run teams rather than join them; so do people of another community.
  const canJoin = !!me?.roles.some((r) => TEAM_JOINERS.includes(r)) && me.community?.id === t?.community.id;
  return (
    <View className="tm-page team-page">
      {team.loading && !t && <LoadingCards count={3} />}
      {team.error && !team.loading && <ErrorState message={team.error} onRetry={() => void team.reload()} />}
      {t && !team.error && (
        <>
          <View className="tm-hero">
            <Text className="tm-hero__title">{t.name}</Text>
            <Text className="tm-hero__sub">{`${t.community.name} · 队员 ${t.memberCount} 人 · 组织活动 ${t.activityCount} 场`}</Text>
          </View>
          <View className="tm-card team-info">
            {t.description && <Text className="tm-card__text">{t.description}</Text>}
            <Text className="tm-card__meta">{`队长：${t.leader?.name ?? '待定'}`}</Text>
            {t.station && (
              <Text
                className="tm-card__meta"
                onClick={() => void Taro.navigateTo({ url: `/packages/teams/station/index?id=${t.station!.id}` })}
              >
                {`服务站点：${t.station.name} ›`}
              </Text>
            )}
            {!t.myMembership && canJoin && (
              <View className="tm-button team-join" hoverClass="tm-button--pressed" onClick={() => void join(t)}>
                <Text>申请加入</Text>
              </View>
            )}
            {t.myMembership?.status === 'pending' && (
              <>
                <Text className="tm-card__meta team-state">已申请，等待队长审核</Text>
                <View className="tm-button tm-button--ghost" onClick={() => void leave(t)}>
                  <Text>撤回申请</Text>
                </View>
              </>
            )}
            {t.myMembership?.status === 'active' && (
              <>
                <Text className="tm-card__meta team-state">{isLeader ? '您是本队队长' : '您是本队队员'}</Text>
                {/* A leader hands the team over through community staff before leaving. */}
                {!isLeader && (
                  <View className="tm-button tm-button--ghost" onClick={() => void leave(t)}>
                    <Text>退出志愿队</Text>
                  </View>
                )}
              </>
            )}
          </View>
          {t.canEdit && (
            <View className="tm-card">
              <Text className="tm-card__meta">作为社区工作者，您可以审核队员、设队长和所在服务站点。</Text>
              <View className="tm-button tm-button--ghost team-station" onClick={() => void chooseStation(t)}>
                <Text>{t.station ? '更换服务站点' : '设置服务站点'}</Text>
              </View>
            </View>
          )}
          {t.canManage && <Members team={t} onChange={team.reload} />}
          <Activities teamId={t.id} />
        </>
      )}
    </View>
  );
}
