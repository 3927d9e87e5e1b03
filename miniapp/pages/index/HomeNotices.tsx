import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import type { Notice } from '@gongzhi/shared';
import { whenText } from '../../components/ResidentKit';

/** 社区公告: the latest notices of the community board; a tap shows the whole text. */
export function HomeNotices({ notices }: { notices: Notice[] }) {
  if (notices.length === 0) return null;
  const open = (n: Notice) =>
    void Taro.showModal({
      title: n.title,
      content: `${n.body}\n\n${n.communityName} ${n.authorName} · ${whenText(n.publishedAt)}`,
      showCancel: false,
      confirmText: '知道了',
    });
  return (
    <View className="home-notices">
      <View className="home-group__head">
        <Text className="home-group__icon">📢</Text>
        <Text className="home-group__name">社区公告</Text>
      </View>
      <View className="home-notices__card">
        {notices.map((n) => (
          <View key={n.id} className="home-notice" hoverClass="home-notice--pressed" onClick={() => open(n)}>
            {n.pinned && <Text className="home-notice__pin">置顶</Text>}
            <Text className="home-notice__title">{n.title}</Text>
            <Text className="home-notice__when">{whenText(n.publishedAt)}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
