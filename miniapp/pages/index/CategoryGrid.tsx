import { View, Text } from '@tarojs/components';
import type { MenuResponse } from '@gongzhi/shared';

type Category = MenuResponse['categories'][number];

interface Props {
  categories: Category[];
  picked: string | null;
  onPick: (code: string) => void;
}

/** Four-across grid of service categories; tapping one narrows the list below to it. */
export function CategoryGrid({ categories, picked, onPick }: Props) {
  return (
    <View className="category-grid">
      {categories.map((c) => (
        <View
          key={c.code}
          className={`category-grid__cell${picked === c.code ? ' category-grid__cell--on' : ''}`}
          onClick={() => onPick(c.code)}
        >
          {/* Tint: the category colour at low alpha (8-digit hex). */}
          <View className="category-grid__icon" style={{ backgroundColor: `${c.color}1F` }}>
            <Text>{c.icon}</Text>
          </View>
          <Text className="category-grid__name">{c.name}</Text>
        </View>
      ))}
    </View>
  );
}
