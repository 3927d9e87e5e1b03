import type { ComponentType } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Articles, Gift, Star, Store, Success } from '@nutui/icons-react-taro';
import { api, POINTS_HOLDERS, type Role } from '@gongzhi/shared';
import { call } from '../../services/api';
import { useRemote } from '../../hooks/useRemote';
import { SERVERS } from './Entries';

const hoursOf = (minutes: number) => String(Math.round((minutes / 60) * 10) / 10);

/** Hours and star level only for those who serve (volunteers, party members): a resident has none to show. */
async function load(serves: boolean) {
  const [points, hours] = await Promise.all([
    call(api.points.getMyPoints),
    serves ? call(api.hours.getMyHours, { query: { pageSize: 1 } }) : Promise.resolve(null),
  ]);
  return { points, hours };
}

type Icon = ComponentType<{ size?: number | string; color?: string }>;

// NutUI icons (drawn, not emoji: they look the same on every phone).
const LINKS: { key: string; icon: Icon; label: string; url: string; servers?: true }[] = [
  { key: 'ledger', icon: Articles, label: '积分明细', url: '/packages/points/ledger/index' },
  { key: 'shop', icon: Store, label: '积分超市', url: '/packages/points/shop/index' },
  { key: 'redemptions', icon: Gift, label: '我的兑换', url: '/packages/points/redemptions/index' },
  { key: 'records', icon: Success, label: '服务证明', url: '/packages/points/records/index', servers: true },
  { key: 'ranking', icon: Star, label: '积分排行', url: '/packages/points/ranking/index', servers: true },
];

/** 我的积分 on the 我的 tab: balance, this year's points, star level and hours, and the doors to spend them. */
export function PointsCard({
  roles,
  signedIn,
  version,
}: {
  roles: readonly Role[];
  signedIn: boolean;
  version: number;
}) {
  const holder = roles.some((r) => POINTS_HOLDERS.includes(r));
  const serves = roles.some((r) => SERVERS.includes(r));
  const data = useRemote(() => load(serves), [version, serves], signedIn && holder);
  if (!holder) return null;
  const go = (url: string) => void Taro.navigateTo({ url });
  const p = data.data?.points;
  const h = data.data?.hours;
  return (
    <View className="mine-card mine-points">
      <View className="mine-points__top" onClick={() => go('/packages/points/ledger/index')}>
        <View className="mine-points__balance">
          <Text className="mine-points__label">我的积分</Text>
          <Text className="mine-points__num">{p ? p.balance : data.error ? '—' : '…'}</Text>
        </View>
        <View className="mine-points__stats">
          <View className="mine-points__stat">
            <Text className="mine-points__stat-num">{p ? p.yearEarned : '—'}</Text>
            <Text className="mine-points__stat-label">{p ? `${p.year}年获得` : '本年获得'}</Text>
          </View>
          {serves && (
            <View className="mine-points__stat">
              <Text className="mine-points__stat-num">{h ? hoursOf(h.totalMinutes) : '—'}</Text>
              <Text className="mine-points__stat-label">服务小时</Text>
            </View>
          )}
        </View>
      </View>
      {h && (
        <View className="mine-points__star" onClick={() => go('/packages/points/records/index')}>
          <Text className="mine-points__star-badge">{'★'.repeat(Math.max(1, h.star.level))}</Text>
          <Text className="mine-points__star-text">
            {h.star.level > 0 ? h.star.name : '尚未评星'}
            {h.star.nextAtHours !== null
              ? ` · 再服务 ${hoursOf(h.star.nextAtHours * 60 - h.totalMinutes)} 小时升星`
              : ''}
          </Text>
        </View>
      )}
      {data.error && !data.loading && (
        <Text className="mine-points__error" onClick={() => void data.reload()}>
          {`${data.error}，点此重试`}
        </Text>
      )}
      <View className="mine-points__links">
        {LINKS.filter((l) => !l.servers || serves).map((l) => (
          <View
            key={l.key}
            className={`mine-points__link mine-points__link--${l.key}`}
            hoverClass="mine-points__link--pressed"
            onClick={() => go(l.url)}
          >
            <View className="mine-points__link-icon">
              <l.icon size={22} />
            </View>
            <Text className="mine-points__link-label">{l.label}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
