import { useRef, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  WHISTLE_STATUS_LABELS,
  WHISTLE_TARGET_STATUS_LABELS,
  WHISTLE_TYPE_LABELS,
  WHISTLE_URGENCY_LABELS,
  api,
  type WhistleStatus,
  type WhistleSummary,
} from '@gongzhi/shared';
import { call } from '../../../services/api';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { useAdminAccess } from '../../../hooks/useAdminAccess';
import { ChipTabs, PagedFooter, StatusPill, usePaged } from '../../../components/ResidentKit';
import { EmptyState, ErrorState, LoadingCards } from '../../../components/PageState';
import { AdminForbidden } from '../../../components/AdminForbidden';
import { ActionBar } from '../../admin/components/ui';
import { dateTime } from '../../admin/lib/format';
import { TARGET_TONES, URGENCY_TONES, WHISTLE_TONES, activeDeadline, countdown } from '../look';
import '../../admin/components/ui.scss';
import './index.scss';

type Tab = WhistleStatus | 'all' | 'overdue';
const TABS: { key: Tab; label: string }[] = [
  { key: 'all', label: '全部' },
  { key: 'overdue', label: '已超时' },
  { key: 'pending', label: WHISTLE_STATUS_LABELS.pending },
  { key: 'inProgress', label: WHISTLE_STATUS_LABELS.inProgress },
  { key: 'resolved', label: WHISTLE_STATUS_LABELS.resolved },
  { key: 'closed', label: WHISTLE_STATUS_LABELS.closed },
];

function WhistleCard({ w, now }: { w: WhistleSummary; now: number }) {
  const open = () => void Taro.navigateTo({ url: `/packages/whistles/detail/index?id=${w.id}` });
  // Those who answer for a target (a department, the street, party members) see their own target's
  // status: once they reported, the whistle is not 待报到 or 超时 for them.
  const overdue = w.own ? w.own.overdue !== null : w.overdue;
  return (
    <View className={`whistle-card ${overdue ? 'whistle-card--overdue' : ''}`} onClick={open}>
      <View className="whistle-card__top">
        {w.own ? (
          <StatusPill text={WHISTLE_TARGET_STATUS_LABELS[w.own.status]} tone={TARGET_TONES[w.own.status]} />
        ) : (
          <StatusPill text={WHISTLE_STATUS_LABELS[w.status]} tone={WHISTLE_TONES[w.status]} />
        )}
        {w.urgency !== 'normal' && (
          <StatusPill text={WHISTLE_URGENCY_LABELS[w.urgency]} tone={URGENCY_TONES[w.urgency]} />
        )}
        {overdue && <StatusPill text="超时" tone="red" className="whistle-card__overdue" />}
      </View>
      <Text className="whistle-card__title">{w.title}</Text>
      <Text className="whistle-card__meta">{`${WHISTLE_TYPE_LABELS[w.type]} · ${w.place.label}`}</Text>
      <View className="whistle-card__targets">
        {w.targets.map((t) => {
          const due = activeDeadline(t);
          const left = due ? countdown(due, now) : null;
          return (
            <View key={t.id} className="whistle-card__target">
              <Text className="whistle-card__target-name">{t.name}</Text>
              <StatusPill text={WHISTLE_TARGET_STATUS_LABELS[t.status]} tone={TARGET_TONES[t.status]} />
              {left && (
                <Text className={`whistle-card__countdown ${left.late ? 'whistle-card__countdown--late' : ''}`}>
                  {left.text}
                </Text>
              )}
            </View>
          );
        })}
      </View>
      <Text className="whistle-card__foot">{`${w.blownBy.name} 吹哨于 ${dateTime(w.blownAt)}`}</Text>
    </View>
  );
}

/** 吹哨报到: the whistles in the caller's scope, with status, overdue badges and the countdown to each deadline. */
export default function WhistleListPage() {
  const signedIn = useSignedIn();
  const access = useAdminAccess();
  const allowed = access.can(api.whistles.listWhistles);
  const [tab, setTab] = useState<Tab>('all');
  const [now, setNow] = useState(Date.now());
  const list = usePaged(
    (page, pageSize) => {
      setNow(Date.now());
      const query = tab === 'overdue' ? { overdue: 'true' } : tab === 'all' ? {} : { status: tab as WhistleStatus };
      return call(api.whistles.listWhistles, { query: { ...query, page, pageSize } });
    },
    [tab],
    signedIn && allowed,
  );
  const shown = useRef(false);
  // Back from a whistle: its status may have moved.
  useDidShow(() => {
    if (shown.current && allowed) void list.refresh();
    shown.current = true;
  });

  if (!signedIn) return <View className="page" />;
  if (!allowed) return <AdminForbidden />;
  const canBlow = access.can(api.whistles.blowWhistle);

  return (
    <View className="page whistle-list">
      <ChipTabs options={TABS} value={tab} onChange={setTab} className="whistle-list__tabs" />
      {list.loading && <LoadingCards count={3} />}
      {list.error && !list.loading && <ErrorState message={list.error} onRetry={() => void list.reload()} />}
      {!list.loading && !list.error && list.items.length === 0 && (
        <EmptyState
          text={tab === 'all' ? '还没有吹哨' : '这里没有吹哨'}
          hint={canBlow ? '社区解决不了的问题，可以吹哨请街道、职能部门限时报到' : '吹给您的哨会出现在这里'}
        />
      )}
      {list.items.map((w) => (
        <WhistleCard key={w.id} w={w} now={now} />
      ))}
      <PagedFooter list={list} />
      {canBlow && (
        <ActionBar>
          <Button
            type="primary"
            block
            className="whistle-list__blow"
            onClick={() => void Taro.navigateTo({ url: '/packages/whistles/blow/index' })}
          >
            吹哨
          </Button>
        </ActionBar>
      )}
    </View>
  );
}
