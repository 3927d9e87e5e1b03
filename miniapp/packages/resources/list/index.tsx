import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { RESOURCE_KIND_LABELS, api, type ResourceView } from '@gongzhi/shared';
import { call } from '../../../services/api';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { EmptyState, ErrorState, LoadingCards } from '../../../components/PageState';
import { ChipTabs, PagedFooter, usePaged } from '../../../components/ResidentKit';
import { KIND_ICONS, hoursText } from '../look';
import './index.scss';

type Kind = 'all' | 'venue' | 'equipment';
const KINDS: { key: Kind; label: string }[] = [
  { key: 'all', label: '全部' },
  { key: 'venue', label: '场地' },
  { key: 'equipment', label: '设备' },
];

function ResourceCard({ resource }: { resource: ResourceView }) {
  const open = () => void Taro.navigateTo({ url: `/packages/resources/book/index?id=${resource.id}` });
  return (
    <View className="res-card" data-id={resource.id} hoverClass="res-card--pressed" onClick={open}>
      <View className="res-card__icon">
        <Text>{KIND_ICONS[resource.kind] ?? '📦'}</Text>
      </View>
      <View className="res-card__body">
        <View className="res-card__top">
          <Text className="res-card__name">{resource.name}</Text>
        </View>
        <View className="res-card__tags">
          <Text className="res-card__tag">{RESOURCE_KIND_LABELS[resource.kind]}</Text>
          {resource.capacity && <Text className="res-card__tag">{resource.capacity}</Text>}
        </View>
        <Text className="res-card__owner">{resource.unit ? resource.unit.name : `${resource.community.name}自有`}</Text>
        <Text className="res-card__hours">{`开放 ${hoursText(resource.hours)}`}</Text>
      </View>
      <View className="res-card__go">
        <Text>预约</Text>
      </View>
    </View>
  );
}

export default function ResourcesPage() {
  const signedIn = useSignedIn();
  const [kind, setKind] = useState<Kind>('all');
  const list = usePaged(
    (page, pageSize) =>
      call(api.resources.listResources, {
        query: { bookable: 'true', page, pageSize, ...(kind === 'all' ? {} : { kind }) },
      }),
    [kind],
    signedIn,
  );

  return (
    <View className="page res-page">
      <View className="res-head">
        <View className="res-head__text">
          <Text className="res-head__title">场地与设备</Text>
          <Text className="res-head__sub">本街道的社区和驻区单位开放预约，免费使用</Text>
        </View>
        <View
          className="res-head__mine"
          onClick={() => void Taro.navigateTo({ url: '/packages/resources/bookings/index' })}
        >
          <Text>我的预约 ›</Text>
        </View>
      </View>
      <View className="res-filters">
        <ChipTabs options={KINDS} value={kind} onChange={setKind} />
      </View>

      {list.loading && <LoadingCards count={3} />}
      {list.error && !list.loading && <ErrorState message={list.error} onRetry={() => void list.reload()} />}
      {!list.loading && !list.error && list.items.length === 0 && (
        <EmptyState text="暂时没有可预约的场地" hint="社区和驻区单位开放后会出现在这里" />
      )}
      {list.items.map((r) => (
        <ResourceCard key={r.id} resource={r} />
      ))}
      <PagedFooter list={list} />
    </View>
  );
}
