import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { api } from '@gongzhi/shared';
import { call } from '../../../services/api';
import { useRemote } from '../../../hooks/useRemote';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { ErrorState, LoadingCards } from '../../../components/PageState';
import '../teams.scss';

export default function StationPage() {
  const id = useRouter().params.id ?? '';
  const signedIn = useSignedIn();
  const station = useRemote(() => call(api.teams.getStation, { params: { id } }), [id], signedIn && !!id);
  const s = station.data;
  return (
    <View className="tm-page station-page">
      {station.loading && !s && <LoadingCards count={2} />}
      {station.error && !station.loading && (
        <ErrorState message={station.error} onRetry={() => void station.reload()} />
      )}
      {s && !station.error && (
        <>
          <View className="tm-hero">
            <Text className="tm-hero__title">{s.name}</Text>
            <Text className="tm-hero__sub">{s.community.name}</Text>
          </View>
          <View className="tm-card">
            <Text className="tm-card__meta">{`📍 地址：${s.address}`}</Text>
            <Text className="tm-card__meta">{`🕘 开放时间：${s.openHours}`}</Text>
            <Text className="tm-card__meta">{`☎️ 联系人：${s.contactName} ${s.contactPhone ?? ''}`}</Text>
            {s.description && <Text className="tm-card__text">{s.description}</Text>}
          </View>
          <Text className="tm-section">驻站志愿队</Text>
          {s.teams.length === 0 && (
            <View className="tm-card">
              <Text className="tm-card__meta">暂无志愿队驻站</Text>
            </View>
          )}
          {s.teams.map((t) => (
            <View
              key={t.id}
              className="tm-card"
              hoverClass="tm-card--pressed"
              onClick={() => void Taro.navigateTo({ url: `/packages/teams/team/index?id=${t.id}` })}
            >
              <Text className="tm-card__title">{`${t.name} ›`}</Text>
            </View>
          ))}
        </>
      )}
    </View>
  );
}
