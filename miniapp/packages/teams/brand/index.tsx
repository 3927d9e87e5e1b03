import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { api, type BrandCode } from '@gongzhi/shared';
import { call } from '../../../services/api';
import { useRemote } from '../../../hooks/useRemote';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { ErrorState, LoadingCards } from '../../../components/PageState';
import { dateTimeText } from '../../../components/ActivityKit/time';
import '../teams.scss';

const go = (url: string) => void Taro.navigateTo({ url });

function BrandList() {
  const list = useRemote(() => call(api.teams.listBrands, { query: {} }), []);
  return (
    <>
      {list.loading && !list.data && <LoadingCards count={3} />}
      {list.error && !list.loading && <ErrorState message={list.error} onRetry={() => void list.reload()} />}
      {list.data && (
        <View className="tm-hero">
          <Text className="tm-hero__title">服务品牌</Text>
          <Text className="tm-hero__sub">{`${list.data.community.name}的志愿服务品牌`}</Text>
        </View>
      )}
      {list.data?.items.map((b) => (
        <View
          key={b.code}
          className="tm-card brand-card"
          hoverClass="tm-card--pressed"
          onClick={() => go(`/packages/teams/brand/index?code=${b.code}`)}
        >
          <View className="tm-card__head">
            <Text className="tm-card__title">{b.name}</Text>
            <Text className={`tm-pill${b.activityCount ? '' : ' tm-pill--grey'}`}>{`${b.activityCount} 场活动`}</Text>
          </View>
          <Text className="tm-card__text">{b.description}</Text>
        </View>
      ))}
    </>
  );
}

function BrandPage({ code }: { code: BrandCode }) {
  const brand = useRemote(() => call(api.teams.getBrand, { params: { code }, query: {} }), [code]);
  const b = brand.data;
  return (
    <>
      {brand.loading && !b && <LoadingCards count={3} />}
      {brand.error && !brand.loading && <ErrorState message={brand.error} onRetry={() => void brand.reload()} />}
      {b && (
        <>
          <View className="tm-hero">
            <Text className="tm-hero__title">{b.name}</Text>
            <Text className="tm-hero__sub">{`${b.community.name} · 已发布活动 ${b.activityCount} 场`}</Text>
          </View>
          <View className="tm-card">
            <Text className="tm-card__text">{b.description}</Text>
            {b.teams.length > 0 && (
              <Text className="tm-card__meta">{`参与的志愿队：${b.teams.map((t) => t.name).join('、')}`}</Text>
            )}
          </View>
          <Text className="tm-section">即将开始</Text>
          {b.upcoming.length === 0 && (
            <View className="tm-card">
              <Text className="tm-card__meta">近期没有这个品牌的活动，敬请期待</Text>
            </View>
          )}
          {b.upcoming.map((a) => (
            <View
              key={a.id}
              className="tm-card"
              hoverClass="tm-card--pressed"
              onClick={() => go(`/packages/activities/detail/index?id=${a.id}`)}
            >
              <Text className="tm-card__title">{a.title}</Text>
              <Text className="tm-card__meta">{`${a.startsAt ? dateTimeText(a.startsAt) : '时间待定'} · ${a.address}`}</Text>
            </View>
          ))}
        </>
      )}
    </>
  );
}

/** 服务品牌: the list, or one brand's page when a code is given. */
export default function BrandsPage() {
  const code = useRouter().params.code as BrandCode | undefined;
  const signedIn = useSignedIn();
  if (!signedIn) return <View className="tm-page" />;
  return <View className="tm-page brand-page">{code ? <BrandPage code={code} /> : <BrandList />}</View>;
}
