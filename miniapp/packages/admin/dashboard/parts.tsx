import { View, Text } from '@tarojs/components';
import type { CountedItem } from '@gongzhi/shared';
import { CHART_COLORS } from '../charts/Chart';

/** 36.43 → "36.43%"; null (nothing to divide by) → "—". */
export const pct = (v: number | null) => (v === null ? '—' : `${v.toFixed(2)}%`);

export function Figure({ value, label, tone }: { value: string; label: string; tone?: 'alert' | 'warn' }) {
  return (
    <View className={`dash-figure ${tone ? `dash-figure--${tone}` : ''}`}>
      <Text className="dash-figure__value">{value}</Text>
      <Text className="dash-figure__label">{label}</Text>
    </View>
  );
}

/** A share per line: label, a bar, count and percentage. */
export function Shares({ items }: { items: CountedItem[] }) {
  return (
    <View className="dash-shares">
      {items.map((x, i) => (
        <View key={x.code} className="dash-share">
          <Text className="dash-share__label">{x.label}</Text>
          <View className="dash-share__track">
            <View
              className="dash-share__bar"
              style={{ width: `${x.share ?? 0}%`, background: CHART_COLORS[i % CHART_COLORS.length] }}
            />
          </View>
          <Text className="dash-share__value">{`${x.count} · ${pct(x.share)}`}</Text>
        </View>
      ))}
    </View>
  );
}

/** The ring's legend with exact counts and shares (the canvas legend has no room for them). */
export function Legend({
  items,
  unit,
  colors = CHART_COLORS,
}: {
  items: CountedItem[];
  unit: string;
  colors?: string[];
}) {
  return (
    <View className="dash-legend">
      {items.map((x, i) => (
        <View key={x.code} className="dash-legend__row">
          <View className="dash-legend__dot" style={{ background: colors[i % colors.length] }} />
          <Text className="dash-legend__name">{x.label}</Text>
          <Text className="dash-legend__value">{`${x.count}${unit} · ${pct(x.share)}`}</Text>
        </View>
      ))}
    </View>
  );
}

export function ExportButton({ busy, disabled, onClick }: { busy: boolean; disabled: boolean; onClick: () => void }) {
  return (
    <View
      className={`dash-export ${disabled || busy ? 'dash-export--off' : ''}`}
      onClick={() => !disabled && !busy && onClick()}
    >
      <Text className="dash-export__text">{busy ? '正在导出…' : '导出Excel'}</Text>
    </View>
  );
}
