import { View, Text, Input } from '@tarojs/components';
import type { MenuField } from '@gongzhi/shared';
import { FieldMessage, whenText } from '../../../components/ResidentKit';

/** What the form holds for one field: text (string, number as typed, datetime as ISO) or picked keys. */
export type AnswerDraft = string | string[];

export function FieldHead({ label, required, help }: { label: string; required: boolean; help?: string }) {
  return (
    <View className="order-field__head">
      <View className="order-field__label-row">
        {required && <Text className="order-field__star">*</Text>}
        <Text className="order-field__label">{label}</Text>
        {!required && <Text className="order-field__optional">选填</Text>}
      </View>
      {help && <Text className="order-field__help">{help}</Text>}
    </View>
  );
}

/** One of the menu item's own fields, drawn by its type. */
export function AnswerField({
  field,
  value,
  error,
  onChange,
  onPickTime,
}: {
  field: MenuField;
  value: AnswerDraft | undefined;
  error?: string;
  onChange: (value: AnswerDraft) => void;
  onPickTime: () => void;
}) {
  const picked = Array.isArray(value) ? value : typeof value === 'string' && value ? [value] : [];
  const text = typeof value === 'string' ? value : '';
  return (
    <View
      className={`order-field order-field--answer ${error ? 'order-field--error' : ''}`}
      data-field={field.code}
      id={`order-answer-${field.code}`}
    >
      <FieldHead label={field.label} required={field.required} help={field.help} />

      {(field.type === 'singleChoice' || field.type === 'multiChoice') && (
        <View className="order-choices">
          {(field.options ?? []).map((o) => {
            const on = picked.includes(o.key);
            return (
              <View
                key={o.key}
                className={`order-choice ${on ? 'order-choice--on' : ''}`}
                onClick={() => {
                  if (field.type === 'singleChoice') onChange(on && !field.required ? '' : o.key);
                  else onChange(on ? picked.filter((k) => k !== o.key) : [...picked, o.key]);
                }}
              >
                {field.type === 'multiChoice' && <Text className="order-choice__box">{on ? '✓' : ''}</Text>}
                <Text>{o.label}</Text>
              </View>
            );
          })}
          {field.type === 'multiChoice' && <Text className="order-field__hint">可选多项</Text>}
        </View>
      )}

      {(field.type === 'string' || field.type === 'number') && (
        <Input
          className="order-input"
          type={field.type === 'number' ? 'digit' : 'text'}
          value={text}
          maxlength={field.type === 'number' ? 12 : 500}
          placeholder={field.type === 'number' ? `请填写${field.label}（数字）` : `请填写${field.label}`}
          placeholderClass="order-placeholder"
          onInput={(e) => onChange(e.detail.value)}
        />
      )}

      {field.type === 'datetime' && (
        <View className="order-picker-row" onClick={onPickTime}>
          <Text className={text ? 'order-picker-row__value' : 'order-picker-row__placeholder'}>
            {text ? whenText(text) : '请选择日期和时间'}
          </Text>
          {text && !field.required ? (
            <Text
              className="order-picker-row__clear"
              onClick={(e) => {
                e.stopPropagation();
                onChange('');
              }}
            >
              清除
            </Text>
          ) : (
            <Text className="order-picker-row__arrow">›</Text>
          )}
        </View>
      )}

      <FieldMessage text={error} />
    </View>
  );
}
