import type { ReactNode } from 'react';
import { View, Text, Input, Textarea } from '@tarojs/components';
import './ui.scss';

export type Tone = 'red' | 'orange' | 'green' | 'blue' | 'grey' | 'brand';

export function Tag({
  tone = 'grey',
  children,
  className = '',
}: {
  tone?: Tone;
  children: ReactNode;
  className?: string;
}) {
  return <Text className={`admin-tag admin-tag--${tone} ${className}`}>{children}</Text>;
}

/** A white card with an optional title row and an action on its right. */
export function Card({
  title,
  extra,
  children,
  className = '',
}: {
  title?: string;
  extra?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <View className={`admin-card ${className}`}>
      {(title || extra) && (
        <View className="admin-card__head">
          {title && <Text className="section-title admin-card__title">{title}</Text>}
          {extra}
        </View>
      )}
      {children}
    </View>
  );
}

/** One label-value line of a details card. */
export function InfoRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <View className="admin-info">
      <Text className="admin-info__label">{label}</Text>
      <View className="admin-info__value">{children}</View>
    </View>
  );
}

/** A form field: label, the control, then the field's message (or a hint). */
export function Field({
  label,
  required,
  error,
  hint,
  children,
  className = '',
}: {
  label: string;
  required?: boolean;
  error?: string;
  hint?: string;
  children: ReactNode;
  className?: string;
}) {
  return (
    <View className={`form-field ${error ? 'form-field--error' : ''} ${className}`}>
      <Text className="form-field__label">
        {label}
        {required && <Text className="form-field__required"> *</Text>}
      </Text>
      {children}
      {error ? (
        <Text className="form-field__error">{error}</Text>
      ) : hint ? (
        <Text className="form-field__hint">{hint}</Text>
      ) : null}
    </View>
  );
}

export function TextInput({
  value,
  onInput,
  placeholder,
  type = 'text',
  maxlength,
  className = '',
}: {
  value: string;
  onInput: (v: string) => void;
  placeholder?: string;
  type?: 'text' | 'number' | 'digit';
  maxlength?: number;
  className?: string;
}) {
  return (
    <Input
      className={`form-input ${className}`}
      value={value}
      type={type}
      maxlength={maxlength ?? 140}
      placeholder={placeholder}
      placeholderClass="form-placeholder"
      onInput={(e) => onInput(e.detail.value)}
    />
  );
}

export function TextArea({
  value,
  onInput,
  placeholder,
  maxlength = 500,
  className = '',
}: {
  value: string;
  onInput: (v: string) => void;
  placeholder?: string;
  maxlength?: number;
  className?: string;
}) {
  return (
    <View className="form-textarea-box">
      <Textarea
        className={`form-textarea ${className}`}
        value={value}
        maxlength={maxlength}
        placeholder={placeholder}
        placeholderClass="form-placeholder"
        onInput={(e) => onInput(e.detail.value)}
      />
      <Text className="form-textarea-box__count">{`${value.length}/${maxlength}`}</Text>
    </View>
  );
}

export interface ChoiceOption<T extends string> {
  value: T;
  label: string;
}

/** Tappable chips for a short list of choices (one, or several with `multiple`). */
export function Chips<T extends string>({
  options,
  value,
  onChange,
  className = '',
}: {
  options: readonly ChoiceOption<T>[];
  value: T | readonly T[] | null;
  onChange: (v: T) => void;
  className?: string;
}) {
  const picked = (v: T) => (Array.isArray(value) ? value.includes(v) : value === v);
  return (
    <View className={`admin-chips ${className}`}>
      {options.map((o) => (
        <Text
          key={o.value}
          className={`admin-chip ${picked(o.value) ? 'admin-chip--on' : ''}`}
          onClick={() => onChange(o.value)}
        >
          {o.label}
        </Text>
      ))}
    </View>
  );
}

/** Tap-to-fill reasons above a reason's text box: a tap puts the reason in the box, which stays editable. */
export function QuickReasons({
  reasons,
  value,
  onPick,
}: {
  reasons: readonly string[];
  value: string;
  onPick: (reason: string) => void;
}) {
  return (
    <View className="admin-chips quick-reasons">
      {reasons.map((r) => (
        <Text
          key={r}
          className={`admin-chip quick-reasons__item ${value.trim() === r ? 'admin-chip--on' : ''}`}
          onClick={() => onPick(r)}
        >
          {r}
        </Text>
      ))}
    </View>
  );
}

/** A value shown like an input that opens a picker (wrap it in Taro's Picker). */
export function PickerValue({ text, placeholder }: { text: string | null | undefined; placeholder: string }) {
  return (
    <View className="form-input form-picker">
      <Text className={text ? 'form-picker__text' : 'form-placeholder'}>{text || placeholder}</Text>
      <Text className="form-picker__arrow">›</Text>
    </View>
  );
}

/** The server's (or the form's) message above the submit button; what was typed stays. */
export function Banner({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <View className="admin-banner" role="alert">
      <Text>{message}</Text>
    </View>
  );
}

/** A panel sliding up from the bottom, for a reason to type or a choice to confirm. */
export function Sheet({
  open,
  title,
  onClose,
  children,
  footer,
  className = '',
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  className?: string;
}) {
  if (!open) return null;
  return (
    <View className={`admin-sheet ${className}`}>
      <View className="admin-sheet__mask" onClick={onClose} />
      <View className="admin-sheet__panel">
        <View className="admin-sheet__head">
          <Text className="admin-sheet__title">{title}</Text>
          <Text className="admin-sheet__close" onClick={onClose}>
            ✕
          </Text>
        </View>
        <View className="admin-sheet__body">{children}</View>
        {footer && <View className="admin-sheet__foot">{footer}</View>}
      </View>
    </View>
  );
}

/** Buttons pinned to the bottom of a page. */
export function ActionBar({ children }: { children: ReactNode }) {
  return (
    <>
      <View className="admin-action-bar__spacer" />
      <View className="admin-action-bar">{children}</View>
    </>
  );
}

/** A big plain button of our own (NutUI's are used for the primary action). */
export function PlainButton({
  children,
  onClick,
  tone = 'default',
  disabled,
  className = '',
}: {
  children: ReactNode;
  onClick: () => void;
  tone?: 'default' | 'danger' | 'brand';
  disabled?: boolean;
  className?: string;
}) {
  return (
    <View
      className={`admin-btn admin-btn--${tone} ${disabled ? 'admin-btn--disabled' : ''} ${className}`}
      onClick={() => !disabled && onClick()}
    >
      <Text>{children}</Text>
    </View>
  );
}

/** `加载中…` / `没有更多了` under a paged list. */
export function ListFoot({ loading, done, count }: { loading: boolean; done: boolean; count: number }) {
  if (count === 0) return null;
  return <Text className="admin-list-foot">{loading ? '加载中…' : done ? '没有更多了' : '上拉加载更多'}</Text>;
}
