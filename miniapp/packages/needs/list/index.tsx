import { useRef, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { NEED_STATUS_LABELS, api, type NeedStatus, type NeedSummary } from '@gongzhi/shared';
import { call } from '../../../services/api';
import { HOME_URL } from '../../../services/session';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { EmptyState, ErrorState, LoadingCards } from '../../../components/PageState';
import { ChipTabs, PagedFooter, Stars, StatusPill, usePaged, whenText } from '../../../components/ResidentKit';
import { NEED_TONES, overdueText } from '../look';
import './index.scss';

type Filter = 'all' | NeedStatus;
const FILTERS: { key: Filter; label: string }[] = [
  { key: 'all', label: '全部' },
  ...(['submitted', 'accepted', 'routed', 'in_progress', 'done', 'closed', 'rejected', 'withdrawn'] as const).map(
    (s) => ({ key: s, label: NEED_STATUS_LABELS[s] }),
  ),
];

function NeedCard({ need }: { need: NeedSummary }) {
  const late = overdueText(need.overdue);
  return (
    <View
      className="need-card"
      data-id={need.id}
      hoverClass="need-card--pressed"
      onClick={() => void Taro.navigateTo({ url: `/packages/needs/detail/index?id=${need.id}` })}
    >
      <View className="need-card__top">
        <Text className="need-card__title">{need.title}</Text>
        <StatusPill
          className="need-card__status"
          text={NEED_STATUS_LABELS[need.status]}
          tone={NEED_TONES[need.status]}
        />
      </View>
      {late && <Text className="need-card__overdue">{late}</Text>}
      <Text className="need-card__desc">{need.description}</Text>
      <View className="need-card__meta">
        <Text className="need-card__place">{`📍 ${need.place.label}`}</Text>
        <Text className="need-card__time">{whenText(need.submittedAt)}</Text>
      </View>
      {need.rating && (
        <View className="need-card__rating">
          <Text className="need-card__rating-label">我的评价</Text>
          <Stars value={need.rating.stars} size="small" />
        </View>
      )}
    </View>
  );
}

export default function MyNeedsPage() {
  const signedIn = useSignedIn();
  const [filter, setFilter] = useState<Filter>('all');
  const list = usePaged(
    (page, pageSize) =>
      call(api.needs.listMyNeeds, { query: { page, pageSize, ...(filter === 'all' ? {} : { status: filter }) } }),
    [filter],
    signedIn,
  );

  // Back from a detail where the order was withdrawn or rated: show the change.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void list.refresh();
    shown.current = true;
  });

  return (
    <View className="page needs-page">
      <View className="needs-filters">
        <ChipTabs options={FILTERS} value={filter} onChange={setFilter} />
      </View>

      <View className="needs-body">
        {list.loading && <LoadingCards count={3} />}
        {list.error && !list.loading && <ErrorState message={list.error} onRetry={() => void list.reload()} />}
        {!list.loading && !list.error && list.items.length === 0 && (
          <View className="needs-empty">
            <EmptyState
              text={filter === 'all' ? '您还没有点过单' : `没有${NEED_STATUS_LABELS[filter]}的点单`}
              hint={filter === 'all' ? '在首页的服务菜单里选一项服务，就可以点单' : '换个状态看看'}
            />
            {filter === 'all' && (
              <Button
                className="needs-empty__go"
                type="primary"
                shape="round"
                size="large"
                onClick={() => void Taro.switchTab({ url: HOME_URL })}
              >
                去点单
              </Button>
            )}
          </View>
        )}
        {list.items.map((need) => (
          <NeedCard key={need.id} need={need} />
        ))}
        <PagedFooter list={list} />
      </View>
    </View>
  );
}
