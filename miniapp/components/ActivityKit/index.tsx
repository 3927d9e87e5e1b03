import { View, Text } from '@tarojs/components';
import { ACTIVITY_PARTICIPANTS, type BrandCode, type SessionUser } from '@gongzhi/shared';
import { brandLook } from './brands';
import './index.scss';

/** Volunteers, party members and residents claim seats; organisers and officials do not. */
export function canTakePart(user: SessionUser | null): boolean {
  return !!user && user.roles.some((r) => ACTIVITY_PARTICIPANTS.includes(r));
}

export function BrandTag({ code, name }: { code: BrandCode; name: string }) {
  const look = brandLook(code);
  return (
    <View className="act-brand-tag" style={{ color: look.color, backgroundColor: `${look.color}14` }}>
      <Text className="act-brand-tag__icon">{look.icon}</Text>
      <Text className="act-brand-tag__name">{name}</Text>
    </View>
  );
}

/** 满员 as a red badge; otherwise 余 N 个名额. */
export function SeatsLeft({ free }: { free: number }) {
  if (free <= 0) return <Text className="act-full-badge">满员</Text>;
  return (
    <View className="act-seats-left">
      <Text className="act-seats-left__label">余</Text>
      <Text className="act-seats-left__num">{free}</Text>
      <Text className="act-seats-left__label">个名额</Text>
    </View>
  );
}

/** The line under a paged list: one component for every list of the app. */
export { ListFooter, PagedFooter } from '../ResidentKit';
