import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';

const SHORTCUTS = [
  { key: 'book', icon: '🏢', title: '场地预约', sub: '免费借用', url: '/packages/resources/list/index' },
  { key: 'needs', icon: '📋', title: '我的点单', sub: '进度随时查', url: '/packages/needs/list/index' },
  { key: 'other', icon: '💬', title: '其他需求', sub: '菜单里没有', url: '/packages/menu/order/index?id=other' },
] as const;

/** Three doors residents use most besides the menu. */
export function HomeShortcuts() {
  return (
    <View className="home-shortcuts">
      {SHORTCUTS.map((s) => (
        <View
          key={s.key}
          className={`home-shortcuts__item home-shortcuts__item--${s.key}`}
          hoverClass="home-shortcuts__item--pressed"
          onClick={() => void Taro.navigateTo({ url: s.url })}
        >
          <Text className="home-shortcuts__icon">{s.icon}</Text>
          <Text className="home-shortcuts__title">{s.title}</Text>
          <Text className="home-shortcuts__sub">{s.sub}</Text>
        </View>
      ))}
    </View>
  );
}
