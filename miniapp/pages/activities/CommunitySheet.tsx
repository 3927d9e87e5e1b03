import { View, Text, ScrollView } from '@tarojs/components';
import { api } from '@gongzhi/shared';
import { call } from '../../services/api';
import { useRemote } from '../../hooks/useRemote';

export interface CommunityChoice {
  id: string;
  name: string;
}

interface Props {
  /** null: every community (only for people who belong to none, e.g. county staff). */
  current: CommunityChoice | null;
  mine: CommunityChoice | null;
  onPick: (c: CommunityChoice | null) => void;
  onClose: () => void;
}

/** A bottom sheet listing the county's communities by street, mine first. */
export function CommunitySheet({ current, mine, onPick, onClose }: Props) {
  const list = useRemote(() => call(api.grids.listCommunities), []);
  const streets = list.data?.streets ?? [];
  const communities = list.data?.communities ?? [];

  const row = (c: CommunityChoice | null, label: string, note?: string) => {
    const on = (current?.id ?? null) === (c?.id ?? null);
    return (
      <View
        key={c?.id ?? 'all'}
        className={`community-sheet__row${on ? ' community-sheet__row--on' : ''}`}
        hoverClass="community-sheet__row--pressed"
        onClick={() => onPick(c)}
      >
        <Text className="community-sheet__name">{label}</Text>
        {note && <Text className="community-sheet__note">{note}</Text>}
        {on && <Text className="community-sheet__check">✓</Text>}
      </View>
    );
  };

  return (
    <View className="community-sheet">
      <View className="community-sheet__mask" onClick={onClose} />
      <View className="community-sheet__panel">
        <View className="community-sheet__head">
          <Text className="community-sheet__title">切换社区</Text>
          <Text className="community-sheet__close" onClick={onClose}>
            关闭
          </Text>
        </View>
        <ScrollView scrollY className="community-sheet__body">
          {mine ? row(mine, mine.name, '我的社区') : row(null, '全县所有社区')}
          {list.loading && <Text className="community-sheet__hint">正在加载社区列表…</Text>}
          {list.error && (
            <View className="community-sheet__hint community-sheet__hint--error" onClick={() => void list.reload()}>
              <Text>{`${list.error}，点这里重试`}</Text>
            </View>
          )}
          {streets.map((s) => {
            const own = communities.filter((c) => c.parentId === s.id && c.id !== mine?.id);
            if (own.length === 0) return null;
            return (
              <View key={s.id} className="community-sheet__group">
                <Text className="community-sheet__street">{s.name}</Text>
                {own.map((c) => row({ id: c.id, name: c.name }, c.name))}
              </View>
            );
          })}
          {(() => {
            const loose = communities.filter((c) => !streets.some((s) => s.id === c.parentId) && c.id !== mine?.id);
            if (loose.length === 0) return null;
            return (
              <View className="community-sheet__group">
                <Text className="community-sheet__street">其他社区</Text>
                {loose.map((c) => row({ id: c.id, name: c.name }, c.name))}
              </View>
            );
          })()}
        </ScrollView>
      </View>
    </View>
  );
}
