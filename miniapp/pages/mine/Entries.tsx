import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { ACTIVITY_PARTICIPANTS, NEED_OWNER_ROLES, ROLES, TEAM_JOINERS, type Role } from '@gongzhi/shared';

const BOOKERS: readonly Role[] = ['resident', 'volunteer', 'partyMember'];

const ENTRIES: { key: string; icon: string; label: string; url: string; roles: readonly Role[] }[] = [
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

/** The doors to my own records, for the roles that have them. */
export function Entries({ roles }: { roles: readonly Role[] }) {
  const shown = ENTRIES.filter((e) => e.roles.some((r) => roles.includes(r)));
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
        </View>
      ))}
    </View>
  );
}
