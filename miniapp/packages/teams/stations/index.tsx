import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { api } from '@gongzhi/shared';
import { call } from '../../../services/api';
import { useRemote } from '../../../hooks/useRemote';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { EmptyState, ErrorState, LoadingCards } from '../../../components/PageState';
import '../teams.scss';

/** 服务站点: where to find volunteers and sign up, with opening hours and the teams based there. */
export default function StationsPage() {
  const signedIn = useSignedIn();
  const list = useRemote(() => call(api.teams.listStations, { query: {} }), [], signedIn);
  return (
    <View className="tm-page stations-page">
      {list.loading && !list.data && <LoadingCards count={2} />}
      {list.error && !list.loading && <ErrorState message={list.error} onRetry={() => void list.reload()} />}
      {list.data && !list.error && list.data.items.length === 0 && (
        <EmptyState text="本社区还没有服务站点" hint="可以到社区党群服务中心咨询" />
      )}
      {list.data?.items.map((s) => (
        <View
          key={s.id}
          className="tm-card station-card"
          hoverClass="tm-card--pressed"
          onClick={() => void Taro.navigateTo({ url: `/packages/teams/station/index?id=${s.id}` })}
        >
          <Text className="tm-card__title">{s.name}</Text>
          <Text className="tm-card__meta">{`📍 ${s.address}`}</Text>
          <Text className="tm-card__meta">{`🕘 ${s.openHours}`}</Text>
          {s.teams.length > 0 && (
            <Text className="tm-card__text">{`驻站志愿队：${s.teams.map((t) => t.name).join('、')}`}</Text>
          )}
        </View>
      ))}
    </View>
  );
}
