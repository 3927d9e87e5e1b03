import { View, Text } from '@tarojs/components';

/** A progress bar with its percentage. */
export function Progress({ value }: { value: number }) {
  const v = Math.max(0, Math.min(100, Math.round(value)));
  return (
    <View className="admin-progress">
      <View className="admin-progress__track">
        <View className="admin-progress__bar" style={{ width: `${v}%` }} />
      </View>
      <Text className="admin-progress__value">{`${v}%`}</Text>
    </View>
  );
}
