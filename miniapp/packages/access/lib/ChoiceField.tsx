import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Field, PickerValue, Sheet } from '../../admin/components/ui';

export interface Choice {
  id: string;
  label: string;
  /** Under the label, smaller: where the place belongs ("城关街道 · 南门社区"). */
  sub?: string;
}

/**
 * A field that opens a list of tappable choices in a sheet: easier than a wheel for a long list of
 * places (a county has dozens of grids and units), each shown with where it belongs.
 */
export function ChoiceField({
  label,
  title,
  required,
  error,
  hint,
  className = '',
  choices,
  value,
  onChange,
  placeholder,
}: {
  label: string;
  title: string;
  required?: boolean;
  error?: string;
  hint?: string;
  className?: string;
  choices: readonly Choice[];
  value: string | null;
  onChange: (id: string) => void;
  placeholder: string;
}) {
  const [open, setOpen] = useState(false);
  const picked = choices.find((c) => c.id === value);
  return (
    <Field label={label} required={required} error={error} hint={hint} className={className}>
      <View onClick={() => choices.length > 0 && setOpen(true)}>
        <PickerValue
          text={picked ? [picked.label, picked.sub].filter(Boolean).join('（') + (picked.sub ? '）' : '') : null}
          placeholder={placeholder}
        />
      </View>
      <Sheet open={open} title={title} onClose={() => setOpen(false)} className="choice-sheet">
        {choices.map((c) => (
          <View
            key={c.id}
            className={`choice-sheet__item ${c.id === value ? 'choice-sheet__item--on' : ''}`}
            onClick={() => {
              onChange(c.id);
              setOpen(false);
            }}
          >
            <Text className="choice-sheet__label">{c.label}</Text>
            {c.sub && <Text className="choice-sheet__sub">{c.sub}</Text>}
          </View>
        ))}
      </Sheet>
    </Field>
  );
}
