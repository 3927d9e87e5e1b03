import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import {
  ACTIVITY_PARTICIPANTS,
  NEED_ASSIGNEE_ROLES,
  NEED_OWNER_ROLES,
  ROLES,
  TEAM_JOINERS,
  api,
  type Role,
} from '@gongzhi/shared';
import { call } from '../../services/api';
import { useRemote } from '../../hooks/useRemote';

const BOOKERS: readonly Role[] = ['resident', 'volunteer', 'partyMember'];

const ENTRIES: { key: string; icon: string; label: string; url: string; roles: readonly Role[] }[] = [
  // First for those who have it: needs waiting for them in person.
  { key: 'serving', icon: '🛎️', label: '待我服务', url: '/packages/serve/list/index', roles: NEED_ASSIGNEE_ROLES },
  { key: 'needs', icon: '📋', label: '我的点单', url: '/packages/needs/list/index', roles: NEED_OWNER_ROLES },
  { key: 'bookings', icon: '🏢', label: '我的预约', url: '/packages/resources/bookings/index', roles: BOOKERS },
  {
    key: 'shifts',
    icon: '🙋',
    label: '我的班次',
    url: '/packages/activities/my-shifts/index',
    roles: ACTIVITY_PARTICIPANTS,
  },
  {
    key: 'hours',
    icon: '⏱️',
    label: '服务时长',
    url: '/packages/activities/hours/index',
    roles: ACTIVITY_PARTICIPANTS,
  },
  {
    key: 'registration',
    icon: '🚩',
    label: '双报到',
    url: '/packages/party/registration/index',
    roles: ['partyMember'],
  },
  { key: 'teams', icon: '🤝', label: '我的志愿队', url: '/packages/teams/my/index', roles: TEAM_JOINERS },
  { key: 'privacy', icon: '🔒', label: '隐私与数据', url: '/packages/teams/privacy/index', roles: ROLES },
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
            <Text>{e.icon}</Text>
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
