import { View, Text } from '@tarojs/components';
import type { MenuField } from '@gongzhi/shared';

/** How a resident will answer each field, in words. */
const TYPE_HINTS: Record<MenuField['type'], string> = {
  string: '填写文字',
  number: '填写数字',
  datetime: '选择日期和时间',
  singleChoice: '选一项',
  multiChoice: '可选多项',
};

export function FieldList({ fields }: { fields: MenuField[] }) {
  if (fields.length === 0) {
    return <Text className="detail-note">无需额外填写，说明您的需求即可</Text>;
  }
  const ordered = [...fields].sort((a, b) => a.order - b.order);
  return (
    <View className="field-list">
      {ordered.map((f) => (
        <View key={f.code} className="field-list__row">
          <View className="field-list__head">
            <Text className="field-list__label">{f.label}</Text>
            <Text className={`field-list__badge field-list__badge--${f.required ? 'required' : 'optional'}`}>
              {f.required ? '必填' : '选填'}
            </Text>
          </View>
          <Text className="field-list__type">
            {TYPE_HINTS[f.type]}
            {f.options && f.options.length > 0 ? `：${f.options.map((o) => o.label).join('、')}` : ''}
          </Text>
          {f.help && <Text className="field-list__help">{f.help}</Text>}
        </View>
      ))}
    </View>
  );
}
