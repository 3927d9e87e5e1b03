import { View, Text } from '@tarojs/components';
import { Button, Loading } from '@nutui/nutui-react-taro';
import type { DemoAccount } from '@gongzhi/shared';
import { LoadingCards } from '../../components/PageState';

interface Props {
  accounts: DemoAccount[];
  loading: boolean;
  /** Shown with a retry button; null hides errors (weapp just drops the section). */
  error: string | null;
  /** False when retrying cannot help (production refuses demo login). */
  canRetry: boolean;
  busyAccount: string | null;
  onPick: (account: DemoAccount) => void;
  onRetry: () => void;
}

/** Tappable cards for the seeded demo people (development backends only). */
export function DemoAccounts({ accounts, loading, error, canRetry, busyAccount, onPick, onRetry }: Props) {
  return (
    <View className="demo">
      <View className="demo__head">
        <Text className="demo__title">选择演示账号登录</Text>
        <Text className="demo__hint">体验不同身份看到的内容</Text>
      </View>

      {loading && <LoadingCards count={3} />}

      {!loading && error && (
        <View className="demo__error">
          <Text className="demo__error-text">{error}</Text>
          {canRetry && (
            <Button className="demo__retry" type="primary" fill="outline" shape="round" onClick={onRetry}>
              重试
            </Button>
          )}
        </View>
      )}

      {!loading && !error && accounts.length === 0 && <Text className="demo__none">暂无可用的演示账号</Text>}

      {!loading &&
        !error &&
        accounts.map((a) => (
          <View
            key={a.account}
            className={`demo-account${busyAccount === a.account ? ' demo-account--busy' : ''}`}
            hoverClass="demo-account--pressed"
            onClick={() => onPick(a)}
          >
            <View className="demo-account__avatar">
              <Text>{a.name.slice(0, 1)}</Text>
            </View>
            <View className="demo-account__body">
              <View className="demo-account__line">
                <Text className="demo-account__name">{a.name}</Text>
                <Text className="demo-account__role">{a.roleLabel}</Text>
              </View>
              <Text className="demo-account__org">{a.orgName}</Text>
            </View>
            {busyAccount === a.account ? (
              <Loading className="demo-account__spin" />
            ) : (
              <Text className="demo-account__go">›</Text>
            )}
          </View>
        ))}
    </View>
  );
}
