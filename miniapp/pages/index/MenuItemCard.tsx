import { View, Text } from '@tarojs/components';
import type { MenuItemSummary } from '@gongzhi/shared';

interface Props {
  item: MenuItemSummary;
  color: string;
  onOpen: (item: MenuItemSummary) => void;
}

export function MenuItemCard({ item, color, onOpen }: Props) {
  return (
    <View className="menu-item" hoverClass="menu-item--pressed" onClick={() => onOpen(item)}>
      <View className="menu-item__bar" style={{ backgroundColor: color }} />
      <View className="menu-item__body">
        <View className="menu-item__title">
          <Text className="menu-item__name">{item.name}</Text>
          {/* communityId set = added by this community, not a county default. */}
          {item.communityId !== null && <Text className="menu-item__local">本社区</Text>}
        </View>
        <Text className="menu-item__summary">{item.summary}</Text>
      </View>
      <Text className="menu-item__go">›</Text>
    </View>
  );
}
