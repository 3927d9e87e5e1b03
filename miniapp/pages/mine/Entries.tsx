import type { ComponentType } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Clock, Heart, Home, List, Location, Order, Service, ShieldCheck } from '@nutui/icons-react-taro';
import { NEED_ASSIGNEE_ROLES, NEED_OWNER_ROLES, ROLES, TEAM_JOINERS, api, type Role } from '@gongzhi/shared';
import { call } from '../../services/api';
import { useRemote } from '../../hooks/useRemote';

const BOOKERS: readonly Role[] = ['resident', 'volunteer', 'partyMember'];
/** Who serves in shifts and counts hours: volunteers and party members (a resident joins an activity from its page). */
export const SERVERS: readonly Role[] = ['volunteer', 'partyMember'];

type Icon = ComponentType<{ size?: number | string; color?: string }>;

const ENTRIES: { key: string; icon: Icon; label: string; url: string; roles: readonly Role[] }[] = [
  // First for those who have it: needs waiting for them in person.
  { key: 'serving', icon: Service, label: '待我服务', url: '/packages/serve/list/index', roles: NEED_ASSIGNEE_ROLES },
  { key: 'needs', icon: Order, label: '我的点单', url: '/packages/needs/list/index', roles: NEED_OWNER_ROLES },
  { key: 'bookings', icon: Location, label: '我的预约', url: '/packages/resources/bookings/index', roles: BOOKERS },
  { key: 'shifts', icon: List, label: '我的班次', url: '/packages/activities/my-shifts/index', roles: SERVERS },
  { key: 'hours', icon: Clock, label: '服务时长', url: '/packages/activities/hours/index', roles: SERVERS },
  {
    key: 'registration',
    icon: Home,
    label: '双报到',
    url: '/packages/party/registration/index',
    roles: ['partyMember'],
  },
  { key: 'teams', icon: Heart, label: '我的志愿队', url: '/packages/teams/my/index', roles: TEAM_JOINERS },
  { key: 'privacy', icon: ShieldCheck, label: '隐私与数据', url: '/packages/teams/privacy/index', roles: ROLES },
];

/**
 * The doors to my own records, for the roles that have them. 待我服务 carries the number of needs
 * still to take or finish (reloaded when `version` changes: back on the tab, pull-down).
 */
export function Entries({ roles, version = 0 }: { roles: readonly Role[]; version?: number }) {
  const shown = ENTRIES.filter((e) => e.roles.some((r) => roles.includes(r)));
  const serving = roles.some((r) => (NEED_ASSIGNEE_ROLES as readonly Role[]).includes(r));
  const open = useRemote(
    () => call(api.needs.listServingNeeds, { query: { state: 'open', pageSize: 1 } }).then((r) => r.openCount),
    [version],
    serving,
  );
  const badges: Record<string, number> = { serving: open.data ?? 0 };
  if (!shown.length) return null;
  return (
    <View className="mine-card mine-entries">
      {shown.map((e) => (
        <View
          key={e.key}
          className={`mine-entries__item mine-entries__item--${e.key}`}
          hoverClass="mine-entries__item--pressed"
          onClick={() => void Taro.navigateTo({ url: e.url })}
        >
          <View className="mine-entries__icon">
            <e.icon size={26} />
          </View>
          <Text className="mine-entries__label">{e.label}</Text>
          {badges[e.key] > 0 && (
            <Text className="mine-entries__badge">{badges[e.key] > 99 ? '99+' : badges[e.key]}</Text>
          )}
        </View>
      ))}
    </View>
  );
}
