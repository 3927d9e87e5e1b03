import { useRef, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { api, type NeedSummary, type ServingState } from '@gongzhi/shared';
import { call } from '../../../services/api';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { EmptyState, ErrorState, LoadingCards } from '../../../components/PageState';
import { ChipTabs, PagedFooter, Stars, StatusPill, usePaged, whenText } from '../../../components/ResidentKit';
import { SERVING_LABELS, SERVING_TONES } from '../look';
import './index.scss';

type Filter = 'all' | ServingState;
const FILTERS: { key: Filter; label: string }[] = [
  { key: 'all', label: '全部' },
  { key: 'open', label: '待办' },
  { key: 'finished', label: '已完成' },
];

function ServeCard({ need }: { need: NeedSummary }) {
  const open = need.status === 'routed' || need.status === 'in_progress';
  return (
    <View
      className={`serve-card ${open ? 'serve-card--open' : ''}`}
      data-id={need.id}
      hoverClass="serve-card--pressed"
      onClick={() => void Taro.navigateTo({ url: `/packages/serve/need/index?id=${need.id}` })}
    >
      <View className="serve-card__top">
        <Text className="serve-card__title">{need.title}</Text>
        <StatusPill
          className="serve-card__status"
          text={SERVING_LABELS[need.status] ?? ''}
          tone={SERVING_TONES[need.status] ?? 'grey'}
        />
      </View>
      {need.overdue === 'complete' && <Text className="serve-card__overdue">已超过办结时限</Text>}
      <Text className="serve-card__desc">{need.description}</Text>
      <View className="serve-card__meta">
        <Text>{`👤 ${need.owner.name}`}</Text>
        <Text>{`📍 ${need.place.label}`}</Text>
      </View>
      <View className="serve-card__meta">
        <Text>{`下单 ${whenText(need.submittedAt)}`}</Text>
        {open && need.dueCompleteAt && <Text>{`${whenText(need.dueCompleteAt)}前办结`}</Text>}
      </View>
      {need.rating && (
        <View className="serve-card__rating">
          <Text className="serve-card__rating-label">居民评价</Text>
          <Stars value={need.rating.stars} size="small" />
        </View>
      )}
    </View>
  );
}

/** 待我服务: the needs the community dispatched to me in person. */
export default function ServingListPage() {
  const signedIn = useSignedIn();
  const [filter, setFilter] = useState<Filter>('all');
  const [openCount, setOpenCount] = useState<number | null>(null);
  const list = usePaged(
    async (page, pageSize) => {
      const res = await call(api.needs.listServingNeeds, {
        query: { page, pageSize, ...(filter === 'all' ? {} : { state: filter }) },
      });
      setOpenCount(res.openCount);
      return res;
    },
    [filter],
    signedIn,
  );

  // Back from a need just taken, declined or completed: show the change.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void list.refresh();
    shown.current = true;
  });

  return (
    <View className="page serve-page">
      <View className="serve-head">
        <Text className="serve-head__title">待我服务</Text>
        <Text className="serve-head__sub">
          {openCount === null
            ? '社区派给您的居民需求'
            : openCount
              ? `${openCount} 项等您接单或完成`
              : '暂时没有待办的服务'}
        </Text>
      </View>
      <View className="serve-filters">
        <ChipTabs options={FILTERS} value={filter} onChange={setFilter} />
      </View>

      {list.loading && <LoadingCards count={3} />}
      {list.error && !list.loading && <ErrorState message={list.error} onRetry={() => void list.reload()} />}
      {!list.loading && !list.error && list.items.length === 0 && (
        <EmptyState
          text={filter === 'finished' ? '还没有完成的服务' : '暂时没有派给您的需求'}
          hint="社区派单给您时，会发消息提醒您"
        />
      )}
      {list.items.map((need) => (
        <ServeCard key={need.id} need={need} />
      ))}
      <PagedFooter list={list} />
    </View>
  );
}
