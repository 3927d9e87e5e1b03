import type { ReactNode } from 'react';
import { Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { Card, Chips, Field, TextArea, TextInput, type ChoiceOption } from './ui';

// The editors' field blocks: a label, one control and the field's message, in one element each.

interface FieldFrame {
  label: string;
  required?: boolean;
  error?: string;
  hint?: string;
  className?: string;
}

/** A one-line text box in its field. `value`/`onInput`/`error` usually come from `bind(key)`. */
export function TextField({
  label,
  required,
  error,
  hint,
  className,
  ...input
}: FieldFrame & {
  value: string;
  onInput: (v: string) => void;
  placeholder?: string;
  type?: 'text' | 'number' | 'digit';
  maxlength?: number;
}) {
  return (
    <Field label={label} required={required} error={error} hint={hint} className={className}>
      <TextInput {...input} />
    </Field>
  );
}

/** A text area (with its count) in its field. */
export function AreaField({
  label,
  required,
  error,
  hint,
  className,
  ...area
}: FieldFrame & { value: string; onInput: (v: string) => void; placeholder?: string; maxlength?: number }) {
  return (
    <Field label={label} required={required} error={error} hint={hint} className={className}>
      <TextArea {...area} />
    </Field>
  );
}

/** Chips in their field: one choice, or several when `value` is a list. */
export function ChipsField<T extends string>({
  label,
  required,
  error,
  hint,
  className,
  ...chips
}: FieldFrame & {
  options: readonly ChoiceOption<T>[];
  value: T | readonly T[] | null;
  onChange: (v: T) => void;
}) {
  return (
    <Field label={label} required={required} error={error} hint={hint} className={className}>
      <Chips {...chips} />
    </Field>
  );
}

/** Adds a value to a multiple choice, or takes it out when it is there. */
export function toggled<T>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? list.filter((x) => x !== value) : [...list, value];
}

/**
 * A card of a saved record that opens for editing: `修改` shows the form and its 保存修改,
 * `收起` goes back to `view`. Without `canEdit` the card only shows `view`.
 */
export function EditSection({
  title,
  canEdit,
  open,
  onToggle,
  toggleClassName,
  saveClassName,
  saving,
  onSave,
  view,
  children,
}: {
  title: string;
  canEdit: boolean;
  open: boolean;
  onToggle: () => void;
  toggleClassName: string;
  saveClassName: string;
  saving: boolean;
  onSave: () => void;
  view: ReactNode;
  children: ReactNode;
}) {
  const editing = canEdit && open;
  return (
    <Card
      title={title}
      extra={
        canEdit ? (
          <Text className={toggleClassName} onClick={onToggle}>
            {open ? '收起' : '修改'}
          </Text>
        ) : undefined
      }
    >
      {editing ? (
        <>
          {children}
          <Button
            className={saveClassName}
            type="primary"
            shape="round"
            size="large"
            block
            loading={saving}
            onClick={onSave}
          >
            保存修改
          </Button>
        </>
      ) : (
        view
      )}
    </Card>
  );
}
