import { useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { api } from '@gongzhi/shared';
import { call } from '../../../services/api';
import { useRemote } from '../../../hooks/useRemote';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { EmptyState, ErrorState, LoadingCards } from '../../../components/PageState';
import './index.scss';

type Tab = 'community' | 'branch';
const TABS = [
  ['community', '社区排名'],
  ['branch', '支部排名'],
] as const;

interface Row {
  key: string;
  rank: number;
  name: string;
  sub?: string;
  points: number;
  me: boolean;
}

function Rows({ rows }: { rows: Row[] }) {
  return (
    <View className="pts-card">
      {rows.map((r) => (
        <View key={r.key} className={`pts-rank-row ${r.me ? 'pts-rank-row--me' : ''}`}>
          <Text className={`pts-rank-row__no ${r.rank <= 3 ? 'pts-rank-row__no--top' : ''}`}>
            {r.rank > 0 ? r.rank : '支'}
          </Text>
          <View className="pts-rank-row__body">
            <Text className="pts-rank-row__name">{r.me ? `${r.name}（我）` : r.name}</Text>
            {r.sub && <Text className="pts-rank-row__sub">{r.sub}</Text>}
          </View>
          <Text className="pts-rank-row__points">{r.points}</Text>
        </View>
      ))}
    </View>
  );
}

/** 我的支部: the caller's branch total, then its members. Only a member linked to their account has one. */
async function loadBranch() {
  const branches = await call(api.points.getBranchRanking);
  const mine = branches.items.find((b) => b.mine) ?? null;
  const members = mine ? await call(api.points.getBranchMembersRanking, { params: { id: mine.id } }) : null;
  return { year: branches.year, mine, members };
}

/** 积分排行: people of my community, and 支部排名 (my party branch's members) for linked party members. */
export default function PointsRankingPage() {
  const signedIn = useSignedIn();
  const [tab, setTab] = useState<Tab>('community');
  const community = useRemote(
    () => call(api.points.getPointsRanking, { query: { by: 'person', limit: 50 } }),
    [],
    signedIn && tab === 'community',
  );
  const branch = useRemote(loadBranch, [], signedIn && tab === 'branch');
  const current = tab === 'community' ? community : branch;
  usePullDownRefresh(() => void current.reload().finally(() => Taro.stopPullDownRefresh()));

  return (
    <View className="pts-page pts-rank">
      <View className="pts-rank-tabs">
        {TABS.map(([value, label]) => (
          <View
            key={value}
            className={`pts-rank-tab ${tab === value ? 'pts-rank-tab--on' : ''}`}
            onClick={() => setTab(value)}
          >
            <Text>{label}</Text>
          </View>
        ))}
      </View>
      <View className="pts-body pts-rank-body">
        {current.loading && !current.data && <LoadingCards count={3} />}
        {tab === 'branch' && branch.errorCode === 'FORBIDDEN' ? (
          <EmptyState text="支部排名只对党员开放" hint="请社区党务工作人员把您的党员信息关联到本账号（凭注册手机号）" />
        ) : (
          current.error &&
          !current.loading && <ErrorState message={current.error} onRetry={() => void current.reload()} />
        )}
        {tab === 'community' && community.data && (
          <>
            <Text className="pts-rank-note">{`${community.data.year} 年本社区获得积分排行（不减去兑换），他人姓名已隐去一部分`}</Text>
            {community.data.items.length === 0 ? (
              <EmptyState text="今年还没有人获得积分" hint="参加志愿服务、学习等都能获得积分" />
            ) : (
              <Rows
                rows={community.data.items.map((r) => ({
                  key: r.id,
                  rank: r.rank,
                  name: r.name,
                  points: r.points,
                  me: r.me,
                }))}
              />
            )}
          </>
        )}
        {tab === 'branch' && branch.data?.mine && (
          <>
            <Rows
              rows={[
                {
                  key: branch.data.mine.id,
                  rank: 0, // a member sees only their own branch: a rank among one says nothing
                  name: branch.data.mine.name,
                  sub: `在册党员 ${branch.data.mine.memberCount} 人 · 人均 ${branch.data.mine.average} 分`,
                  points: branch.data.mine.total,
                  me: false,
                },
              ]}
            />
            <Text className="pts-rank-note">{`${branch.data.year} 年本支部党员积分排行，他人姓名已隐去一部分`}</Text>
            {branch.data.members && branch.data.members.items.length > 0 ? (
              <Rows
                rows={branch.data.members.items.map((m) => ({
                  key: m.memberId,
                  rank: m.rank,
                  name: m.name,
                  points: m.points,
                  me: m.me,
                }))}
              />
            ) : (
              <EmptyState text="本支部还没有党员获得积分" />
            )}
          </>
        )}
      </View>
    </View>
  );
}
