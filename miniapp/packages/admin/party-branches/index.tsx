import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { api } from '@gongzhi/shared';
import { call } from '../../../services/api';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { useRemote } from '../../../hooks/useRemote';
import { useAdminAccess } from '../../../hooks/useAdminAccess';
import { EmptyState, ErrorState, LoadingCards } from '../../../components/PageState';
import { AdminForbidden } from '../../../components/AdminForbidden';
import { Chips, Sheet, Tag } from '../components/ui';
import { AdminList, useListPage, wholeList } from '../components/AdminList';
import { PARTY_ONLY } from '../lib/party';
import '../components/ui.scss';
import '../components/party.scss';

type Tab = 'branches' | 'ranking';
const TABS: { value: Tab; label: string }[] = [
  { value: 'branches', label: '党支部' },
  { value: 'ranking', label: '支部排名' },
];

/** 党支部: branches in scope with their active members; over 50 is flagged (支部工作条例). Also their points ranking. */
export default function PartyBranchesPage() {
  const signedIn = useSignedIn();
  const access = useAdminAccess();
  const allowed = access.can(api.party.listBranches);
  const [tab, setTab] = useState<Tab>('branches');
  const branches = useRemote(() => call(api.party.listBranches), [], signedIn && allowed);
  const list = wholeList(branches, (d) => d.items);
  useListPage(list);

  if (!allowed || branches.errorCode === 'FORBIDDEN') return <AdminForbidden detail={PARTY_ONLY} />;
  const data = branches.data;
  const over = data?.items.filter((b) => b.overLimit) ?? [];

  return (
    <View className="page party-page party-branches">
      <Chips className="party-branches__tabs" options={TABS} value={tab} onChange={setTab} />
      {tab === 'ranking' ? <BranchRanking /> : branchList()}
    </View>
  );

  function branchList() {
    return (
      <>
        <View
          className="party-row party-branches__study"
          hoverClass="admin-pressed"
          onClick={() => void Taro.navigateTo({ url: '/packages/admin/study-sessions/index' })}
        >
          <View className="party-row__body">
            <Text className="party-row__title">支部学习</Text>
            <Text className="party-row__sub">记录三会一课、主题党日，参加的党员获得积分</Text>
          </View>
          <Text className="party-row__arrow">›</Text>
        </View>
        {over.length > 0 && (
          <View className="party-warn">
            <Text>{`${over.length} 个支部党员超过 ${data!.limit} 人。《中国共产党支部工作条例（试行）》规定党支部党员人数一般不超过 50 人，建议按小区或楼栋拆分。`}</Text>
          </View>
        )}
        <AdminList
          list={list}
          loadingCount={4}
          empty={{ text: '还没有党支部', hint: '可在“名册导入”里导入党员名册，支部会随之建立' }}
          render={(b) => (
            <View
              key={b.id}
              className="party-row party-branch"
              hoverClass="admin-pressed"
              onClick={() =>
                void Taro.navigateTo({
                  url: `/packages/admin/party-members/index?branchId=${b.id}&name=${encodeURIComponent(b.name)}`,
                })
              }
            >
              <View className="party-row__body">
                <Text className="party-row__title">{b.name}</Text>
                <View className="party-tags">
                  <Text className="party-row__sub">{b.unitName ?? b.placeName}</Text>
                  {b.overLimit && <Tag tone="red">超过 {data?.limit} 人</Tag>}
                </View>
              </View>
              <Text className={`party-row__count ${b.overLimit ? 'party-row__count--over' : ''}`}>
                {b.memberCount}
                <Text className="party-row__unit">人</Text>
              </Text>
              <Text className="party-row__arrow">›</Text>
            </View>
          )}
        />
        {data && data.items.length > 0 && (
          <Text className="party-note">人数为在册党员（不含已转出）。查看名册会记入审计日志。</Text>
        )}
      </>
    );
  }
}

/** 支部排名: this year's points of each branch's members who have an account; tap a branch for its members. */
function BranchRanking() {
  const ranking = useRemote(() => call(api.points.getBranchRanking), []);
  const [branch, setBranch] = useState<{ id: string; name: string } | null>(null);
  const members = useRemote(
    () => call(api.points.getBranchMembersRanking, { params: { id: branch!.id } }),
    [branch?.id],
    !!branch,
  );
  const data = ranking.data;
  return (
    <>
      {ranking.loading && !data && <LoadingCards count={3} />}
      {ranking.error && !ranking.loading && (
        <ErrorState message={ranking.error} onRetry={() => void ranking.reload()} />
      )}
      {data && data.items.length === 0 && <EmptyState text="还没有党支部" />}
      {data && data.items.length > 0 && (
        <Text className="party-note">{`${data.year} 年积分：已关联本人账号的党员获得的积分（不减去兑换）；人数为在册党员，与数据看板一致，人均按在册人数算`}</Text>
      )}
      {data?.items.map((b) => (
        <View
          key={b.id}
          className="party-row party-rank"
          hoverClass="admin-pressed"
          onClick={() => setBranch({ id: b.id, name: b.name })}
        >
          <Text className={`party-rank__no ${b.rank <= 3 ? 'party-rank__no--top' : ''}`}>{b.rank}</Text>
          <View className="party-row__body">
            <Text className="party-row__title">{b.name}</Text>
            <Text className="party-row__sub">{`在册 ${b.memberCount} 人 · 已关联账号 ${b.linkedCount} 人 · 人均 ${b.average} 分`}</Text>
          </View>
          <Text className="party-row__count">
            {b.total}
            <Text className="party-row__unit">分</Text>
          </Text>
          <Text className="party-row__arrow">›</Text>
        </View>
      ))}
      <Sheet open={!!branch} title={`${branch?.name ?? ''} · 党员积分`} onClose={() => setBranch(null)}>
        {members.loading && <LoadingCards count={2} />}
        {members.error && <ErrorState message={members.error} onRetry={() => void members.reload()} />}
        {members.data && members.data.items.length === 0 && (
          <EmptyState text="这个支部还没有党员关联账号" hint="在党员详情里按手机号关联本人账号" />
        )}
        {members.data?.items.map((m) => (
          <View key={m.memberId} className="party-row party-rank">
            <Text className={`party-rank__no ${m.rank <= 3 ? 'party-rank__no--top' : ''}`}>{m.rank}</Text>
            <View className="party-row__body">
              <Text className="party-row__title">{m.name}</Text>
            </View>
            <Text className="party-row__count">
              {m.points}
              <Text className="party-row__unit">分</Text>
            </Text>
          </View>
        ))}
      </Sheet>
    </>
  );
}
