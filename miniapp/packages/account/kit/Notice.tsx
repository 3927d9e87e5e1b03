import type { ReactNode } from 'react';
import { View, Text } from '@tarojs/components';
import './account.scss';

/**
 * A whole-page message with a picture, a title, what happened in plain words and what to do next
 * (an expired invitation, a used code, a step that must be done in the mini-program).
 */
export function Notice({
  symbol,
  tone = 'calm',
  title,
  text,
  children,
  className = '',
}: {
  symbol: string;
  tone?: 'calm' | 'alert' | 'done';
  title: string;
  text: string;
  children?: ReactNode;
  className?: string;
}) {
  return (
    <View className={`account-notice account-notice--${tone} ${className}`}>
      <View className="account-notice__picture">
        <Text className="account-notice__symbol">{symbol}</Text>
      </View>
      <Text className="account-notice__title">{title}</Text>
      <Text className="account-notice__text">{text}</Text>
      {children && <View className="account-notice__actions">{children}</View>}
    </View>
  );
}

/** The red header of an account page: a small line above, the main line, one line below. */
export function Hero({ over, main, under }: { over: string; main: string; under?: string }) {
  return (
    <View className="account-hero">
      <Text className="account-hero__over">{over}</Text>
      <Text className="account-hero__main">{main}</Text>
      {under && <Text className="account-hero__under">{under}</Text>}
    </View>
  );
}
