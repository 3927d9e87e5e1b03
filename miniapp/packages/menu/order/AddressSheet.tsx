import { useEffect, useState } from 'react';
import { View, Text, ScrollView } from '@tarojs/components';
import { Popup } from '@nutui/nutui-react-taro';
import type { OrgNode, SessionUser } from '@gongzhi/shared';

export interface Places {
  complexes: OrgNode[];
  buildings: OrgNode[];
}

/** `南门小区 1号楼`, or the complex alone. */
export function placeLabel(places: Places, id: string | null): string {
  if (!id) return '';
  const building = places.buildings.find((b) => b.id === id);
  const complex = places.complexes.find((c) => c.id === (building ? building.parentId : id));
  return [complex?.name, building?.name].filter(Boolean).join(' ');
}

/** Where the person said they live (building, else complex), when it is a place they can pick here. */
export function homeIn(places: Places, home: SessionUser['home']): string | null {
  const id = home?.building?.id ?? home?.complex?.id ?? null;
  return id && [...places.complexes, ...places.buildings].some((n) => n.id === id) ? id : null;
}

/** Two steps in one sheet: the 小区, then its 楼栋 (or the whole complex). */
export function AddressSheet({
  visible,
  places,
  value,
  onPick,
  onClose,
}: {
  visible: boolean;
  places: Places;
  value: string | null;
  onPick: (placeId: string) => void;
  onClose: () => void;
}) {
  const [complexId, setComplexId] = useState<string | null>(null);

  // Opening again starts where the current address is.
  useEffect(() => {
    if (!visible) return;
    const building = places.buildings.find((b) => b.id === value);
    setComplexId(building?.parentId ?? (places.complexes.some((c) => c.id === value) ? value : null));
  }, [visible, value, places]);

  const complex = places.complexes.find((c) => c.id === complexId) ?? null;
  const buildings = complex
    ? places.buildings
        .filter((b) => b.parentId === complex.id)
        .sort((a, b) => a.name.localeCompare(b.name, 'zh-Hans-CN', { numeric: true }))
    : [];

  return (
    <Popup
      className="order-sheet"
      visible={visible}
      position="bottom"
      round
      closeable
      title={complex ? `${complex.name} · 选择楼栋` : '选择服务地址'}
      onClose={onClose}
    >
      <View className="order-sheet__body">
        {complex && (
          <View className="order-sheet__back" onClick={() => setComplexId(null)}>
            <Text>‹ 重新选择小区</Text>
          </View>
        )}
        <ScrollView scrollY className="order-sheet__list">
          {!complex &&
            places.complexes.map((c) => (
              <View
                key={c.id}
                className={`order-sheet__row ${value && placeLabel(places, value).startsWith(c.name) ? 'order-sheet__row--on' : ''}`}
                onClick={() => setComplexId(c.id)}
              >
                <Text className="order-sheet__name">{c.name}</Text>
                {c.old && <Text className="order-sheet__tag">老旧小区</Text>}
                <Text className="order-sheet__arrow">›</Text>
              </View>
            ))}
          {complex && (
            <>
              {buildings.map((b) => (
                <View
                  key={b.id}
                  className={`order-sheet__row ${value === b.id ? 'order-sheet__row--on' : ''}`}
                  onClick={() => onPick(b.id)}
                >
                  <Text className="order-sheet__name">{b.name}</Text>
                  {value === b.id && <Text className="order-sheet__check">✓</Text>}
                </View>
              ))}
              <View
                className={`order-sheet__row order-sheet__row--whole ${value === complex.id ? 'order-sheet__row--on' : ''}`}
                onClick={() => onPick(complex.id)}
              >
                <Text className="order-sheet__name">不指定楼栋（小区公共区域）</Text>
                {value === complex.id && <Text className="order-sheet__check">✓</Text>}
              </View>
            </>
          )}
        </ScrollView>
      </View>
    </Popup>
  );
}
