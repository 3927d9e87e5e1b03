import { View, Text } from '@tarojs/components';
import { Button, Empty, Skeleton } from '@nutui/nutui-react-taro';
import './index.scss';

/** Our own picture instead of NutUI's default, which loads from a third-party CDN. */
function Picture({ symbol, tone }: { symbol: string; tone: 'calm' | 'alert' }) {
  return (
    <View className={`state-picture state-picture--${tone}`}>
      <Text className="state-picture__symbol">{symbol}</Text>
    </View>
  );
}

/** Grey card shapes while a page loads, so the layout does not jump when data arrives. */
export function LoadingCards({ count = 3 }: { count?: number }) {
  return (
    <View className="state-loading" aria-busy="true">
      {Array.from({ length: count }, (_, i) => (
        <View key={i} className="state-loading__card">
          <Skeleton rows={1} width="45%" height="20px" animated />
          <Skeleton rows={2} width="100%" height="14px" animated />
        </View>
      ))}
    </View>
  );
}

export function EmptyState({ text, hint }: { text: string; hint?: string }) {
  return (
    <View className="state-box">
      <Empty image={<Picture symbol="📭" tone="calm" />} title={text} description={hint ?? ''} />
    </View>
  );
}

interface ErrorProps {
  message: string;
  /** Omit when trying again cannot help (a broken link); then `fallback` is offered instead. */
  onRetry?: () => void;
  fallback?: { text: string; onClick: () => void };
}

/** Shows the server's Chinese message and a 重试 button that runs the load again. */
export function ErrorState({ message, onRetry, fallback }: ErrorProps) {
  return (
    <View className="state-box state-error">
      <Empty image={<Picture symbol="!" tone="alert" />} title="加载没有成功" description={message} />
      {onRetry && (
        <Button className="state-error__retry" type="primary" shape="round" size="large" onClick={onRetry}>
          重试
        </Button>
      )}
      {fallback && (
        <View className="state-error__fallback" onClick={fallback.onClick}>
          <Text>{fallback.text}</Text>
        </View>
      )}
    </View>
  );
}
