import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { api, pointsEntryLines, type PointsEntry } from '@gongzhi/shared';
import { call } from '../../../services/api';
import { useRemote } from '../../../hooks/useRemote';
import { usePaged } from '../../../hooks/usePaged';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { EmptyState, ErrorState, LoadingCards } from '../../../components/PageState';
import { PagedFooter } from '../../../components/ResidentKit';
import { signed, whenText } from '../look';
import './index.scss';

function Entry({ e }: { e: PointsEntry }) {
  const { title, detail } = pointsEntryLines(e);
  return (
    <View className="pts-entry">
      <View className="pts-entry__body">
        <Text className="pts-entry__note">{title}</Text>
        <Text className="pts-entry__meta">{detail ? `${detail} · ${whenText(e.at)}` : whenText(e.at)}</Text>
      </View>
      <View className="pts-entry__right">
        <Text className={`pts-entry__delta ${e.delta < 0 ? 'pts-entry__delta--out' : ''}`}>{signed(e.delta)}</Text>
        <Text className="pts-entry__balance">{`余额 ${e.balance}`}</Text>
      </View>
    </View>
  );
}

/** 积分明细: the balance, this year's points by category against expectation and cap, and every entry. */
export default function PointsLedgerPage() {
  const signedIn = useSignedIn();
  const mine = useRemote(() => call(api.points.getMyPoints), [], signedIn);
  const list = usePaged(
    (page, pageSize) => call(api.points.listMyPointsEntries, { query: { page, pageSize } }),
    [],
    signedIn,
    20,
  );
  const p = mine.data;

  return (
    <View className="page pts-page">
      <View className="pts-hero">
        <Text className="pts-hero__label">当前积分</Text>
        <Text className="pts-hero__num">{p ? p.balance : '—'}</Text>
        <Text className="pts-hero__sub">{p ? `${p.year}年已获得 ${p.yearEarned} 分` : ' '}</Text>
        <View className="pts-hero__shop" onClick={() => void Taro.navigateTo({ url: '/packages/points/shop/index' })}>
          <Text>去积分超市兑换 ›</Text>
        </View>
      </View>
      <View className="pts-body">
        {mine.error && !mine.loading && <ErrorState message={mine.error} onRetry={() => void mine.reload()} />}
        {p && (
          <View className="pts-card">
            <Text className="section-title">本年积分构成</Text>
            {p.byKind.map((k) => {
              const goal = Math.max(k.expectation, 1);
              return (
                <View key={k.kind} className="pts-kind">
                  <View className="pts-kind__head">
                    <Text className="pts-kind__name">{k.label}</Text>
                    <Text className="pts-kind__value">{`${k.earned} / 期望 ${k.expectation}（上限 ${k.cap}）`}</Text>
                  </View>
                  <View className="pts-kind__track">
                    <View
                      className="pts-kind__fill"
                      style={{ width: `${Math.min(100, Math.round((Math.max(k.earned, 0) / goal) * 100))}%` }}
                    />
                  </View>
                </View>
              );
            })}
          </View>
        )}
        <View className="pts-card">
          <Text className="section-title">积分流水</Text>
          {list.loading && list.items.length === 0 && <LoadingCards count={2} />}
          {list.error && !list.loading && <ErrorState message={list.error} onRetry={() => void list.reload()} />}
          {!list.loading && !list.error && list.items.length === 0 && (
            <EmptyState text="还没有积分" hint="参加志愿服务、学习、巡查、响应吹哨都能获得积分" />
          )}
          {list.items.map((e) => (
            <Entry key={e.id} e={e} />
          ))}
        </View>
        <PagedFooter list={list} />
      </View>
    </View>
  );
}
