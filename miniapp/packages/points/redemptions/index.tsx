import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { api, REDEMPTION_STATUS_LABELS, type Redemption } from '@gongzhi/shared';
import { call } from '../../../services/api';
import { usePaged } from '../../../hooks/usePaged';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { EmptyState, ErrorState, LoadingCards } from '../../../components/PageState';
import { PagedFooter } from '../../../components/ResidentKit';
import { whenText } from '../look';
import './index.scss';

function Row({ r }: { r: Redemption }) {
  const waiting = r.status === 'awaitingPickup';
  return (
    <View className={`rdm ${waiting ? '' : 'rdm--done'}`}>
      <View className="rdm__head">
        <Text className="rdm__name">{r.item.name}</Text>
        <Text className={`rdm__status rdm__status--${r.status}`}>{REDEMPTION_STATUS_LABELS[r.status]}</Text>
      </View>
      <Text className="rdm__meta">{`${r.price} 积分 · ${whenText(r.redeemedAt)} 兑换`}</Text>
      {waiting ? (
        <View className="rdm__code">
          <Text className="rdm__code-label">领取码</Text>
          <Text className="rdm__code-num">{r.pickupCode.replace(/(\d{3})(\d{3})/, '$1 $2')}</Text>
          <Text className="rdm__code-hint">到社区党群服务中心出示领取码领取</Text>
        </View>
      ) : (
        <Text className="rdm__meta">{r.handedOverAt ? `${whenText(r.handedOverAt)} 已领取` : '已领取'}</Text>
      )}
    </View>
  );
}

/** 我的兑换: what I redeemed, with the pickup code to show at the counter. */
export default function RedemptionsPage() {
  const signedIn = useSignedIn();
  const list = usePaged(
    (page, pageSize) => call(api.points.listMyRedemptions, { query: { page, pageSize } }),
    [],
    signedIn,
    20,
  );
  return (
    <View className="page pts-page rdm-page">
      <View className="pts-list">
        {list.loading && list.items.length === 0 && <LoadingCards count={3} />}
        {list.error && !list.loading && <ErrorState message={list.error} onRetry={() => void list.reload()} />}
        {!list.loading && !list.error && list.items.length === 0 && (
          <View>
            <EmptyState text="还没有兑换记录" hint="积分可以在社区积分超市兑换生活用品" />
            <View className="rdm-go" onClick={() => void Taro.redirectTo({ url: '/packages/points/shop/index' })}>
              <Text>去积分超市看看</Text>
            </View>
          </View>
        )}
        {list.items.map((r) => (
          <Row key={r.id} r={r} />
        ))}
        <PagedFooter list={list} />
      </View>
    </View>
  );
}
