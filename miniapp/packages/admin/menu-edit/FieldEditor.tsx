import { View, Text, Switch } from '@tarojs/components';
import { CHOICE_FIELD_TYPES, MENU_FIELD_TYPES } from '@gongzhi/shared';
import type { FieldMessages } from '../lib/forms';
import { Field, TextInput } from '../components/ui';
import { ChipsField, TextField } from '../components/form';
import type { FieldDraft, FieldType } from './menu-draft';

// One 填写项 of a menu item: its name, type, options, code, order and help.

const TYPE_LABELS: Record<FieldType, string> = {
  string: '文字',
  number: '数字',
  datetime: '日期时间',
  singleChoice: '单选',
  multiChoice: '多选',
};

export function FieldEditor({
  field,
  index,
  count,
  errors,
  onChange,
  onMove,
  onRemove,
}: {
  field: FieldDraft;
  index: number;
  count: number;
  errors: FieldMessages;
  onChange: (f: FieldDraft) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}) {
  const e = (path: string) => errors[`fields.${index}.${path}`];
  const isChoice = CHOICE_FIELD_TYPES.includes(field.type);
  const set = (patch: Partial<FieldDraft>) => onChange({ ...field, ...patch });
  const optionError = field.options.map((_, j) => e(`options.${j}.key`) ?? e(`options.${j}.label`)).find(Boolean);
  return (
    <View className="field-editor">
      <View className="field-editor__head">
        <Text className="field-editor__no">{`填写项 ${index + 1}`}</Text>
        <View className="field-editor__tools">
          {index > 0 && (
            <Text className="field-editor__tool" onClick={() => onMove(-1)}>
              上移
            </Text>
          )}
          {index < count - 1 && (
            <Text className="field-editor__tool" onClick={() => onMove(1)}>
              下移
            </Text>
          )}
          <Text className="field-editor__tool field-editor__tool--danger" onClick={onRemove}>
            删除
          </Text>
        </View>
      </View>
      <TextField
        label="显示名称"
        required
        error={e('label')}
        value={field.label}
        onInput={(label) => set({ label })}
        placeholder="例如：老人行动情况"
        maxlength={40}
      />
      <ChipsField
        label="类型"
        required
        error={e('type')}
        options={MENU_FIELD_TYPES.map((t) => ({ value: t, label: TYPE_LABELS[t] }))}
        value={field.type}
        onChange={(type) =>
          set({
            type,
            options:
              CHOICE_FIELD_TYPES.includes(type) && field.options.length === 0
                ? [
                    { key: 'a', label: '' },
                    { key: 'b', label: '' },
                  ]
                : field.options,
          })
        }
      />
      {isChoice && (
        <Field
          label="选项"
          required
          error={e('options') ?? optionError}
          hint="左边是编码（英文字母开头），右边是居民看到的文字"
        >
          {field.options.map((o, j) => (
            <View key={j} className="field-editor__option">
              <TextInput
                className="field-editor__option-key"
                value={o.key}
                onInput={(key) => set({ options: field.options.map((x, k) => (k === j ? { ...x, key } : x)) })}
                placeholder="编码"
                maxlength={40}
              />
              <TextInput
                className="field-editor__option-label"
                value={o.label}
                onInput={(label) => set({ options: field.options.map((x, k) => (k === j ? { ...x, label } : x)) })}
                placeholder={`选项 ${j + 1}`}
                maxlength={40}
              />
              <Text
                className="field-editor__option-remove"
                onClick={() => set({ options: field.options.filter((_, k) => k !== j) })}
              >
                ✕
              </Text>
            </View>
          ))}
          <Text
            className="field-editor__add-option"
            onClick={() => set({ options: [...field.options, { key: `opt${field.options.length + 1}`, label: '' }] })}
          >
            ＋ 添加选项
          </Text>
        </Field>
      )}
      <View className="field-editor__row">
        <TextField
          label="编码"
          required
          error={e('code')}
          className="field-editor__code"
          value={field.code}
          onInput={(code) => set({ code })}
          placeholder="如 mobility"
          maxlength={40}
        />
        <TextField
          label="排序"
          error={e('order')}
          className="field-editor__order"
          value={field.order}
          onInput={(order) => set({ order })}
          type="number"
          maxlength={3}
        />
      </View>
      <View className="field-editor__required">
        <Text>居民必须填写</Text>
        <Switch checked={field.required} color="#D42A1F" onChange={(ev) => set({ required: ev.detail.value })} />
      </View>
      <TextField
        label="填写说明（选填）"
        error={e('help')}
        value={field.help}
        onInput={(help) => set({ help })}
        placeholder="例如：不填则电话约定"
        maxlength={200}
      />
    </View>
  );
}
