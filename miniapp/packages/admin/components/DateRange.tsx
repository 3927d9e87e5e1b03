import { View, Text, Picker } from '@tarojs/components';
import './DateRange.scss';

/** 开始 至 结束: two date pickers side by side, the end never before the start (statistics, audit log). */
export function DateRange({
  from,
  to,
  onFrom,
  onTo,
  className = '',
}: {
  from: string;
  to: string;
  onFrom: (date: string) => void;
  onTo: (date: string) => void;
  className?: string;
}) {
  return (
    <View className={`date-range ${className}`}>
      <Picker mode="date" value={from} end={to} onChange={(e) => onFrom(String(e.detail.value))}>
        <View className="date-range__box">
          <Text className="date-range__label">开始</Text>
          <Text className="date-range__value">{from}</Text>
        </View>
      </Picker>
      <Text className="date-range__to">至</Text>
      <Picker mode="date" value={to} start={from} onChange={(e) => onTo(String(e.detail.value))}>
        <View className="date-range__box">
          <Text className="date-range__label">结束</Text>
          <Text className="date-range__value">{to}</Text>
        </View>
      </Picker>
    </View>
  );
}
