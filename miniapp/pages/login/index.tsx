import { useState } from 'react';
import Taro, { useLoad } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { api, type DemoAccount, type SessionResponse, type SessionUser } from '@gongzhi/shared';
import { ApiClientError, call, messageOf } from '../../services/api';
import {
  HOME_URL,
  JOIN_URL,
  getToken,
  safeNext,
  saveSession,
  shouldJoin,
  takeLoginNotice,
} from '../../services/session';
import { useRemote } from '../../hooks/useRemote';
import { DemoAccounts } from './DemoAccounts';
import { ScanSignIn } from './ScanSignIn';
import './index.scss';

const isH5 = process.env.TARO_ENV === 'h5';

/**
 * Back to the page that sent the person here (an invitation opened before signing in); a first
 * sign-in that lives nowhere yet chooses its community first (it can be skipped); otherwise home.
 */
function goOn(next: string | null, user?: SessionUser) {
  if (next) void Taro.reLaunch({ url: next });
  else if (user && shouldJoin(user)) void Taro.reLaunch({ url: JOIN_URL });
  else void Taro.switchTab({ url: HOME_URL });
}

export default function LoginPage() {
  const [busy, setBusy] = useState<string | null>(null);
  // Why the person is here again (an ended browser sign-in, a stopped account), said once.
  const [failure, setFailure] = useState<string | null>(takeLoginNotice);
  const [next, setNext] = useState<string | null>(null);
  const demo = useRemote(() => call(api.auth.listDemoAccounts), []);

  // Someone already signed in who lands here (e.g. a shared link) goes straight on.
  useLoad((options: Record<string, string | undefined>) => {
    const to = safeNext(options.next);
    setNext(to);
    if (getToken()) goOn(to);
  });

  function enter(session: SessionResponse, via: 'app' | 'scan' = 'app') {
    saveSession(session, via);
    goOn(next, session.user);
  }

  async function signIn(key: string, request: () => Promise<SessionResponse>) {
    if (busy) return;
    setBusy(key);
    setFailure(null);
    try {
      enter(await request());
    } catch (e) {
      setFailure(messageOf(e));
    } finally {
      setBusy(null);
    }
  }

  function wxSignIn() {
    void signIn('wx', async () => {
      // wx.login fails without a network or when WeChat itself is unhappy; say so, not "server error".
      const code = await Taro.login().then(
        (r) => r.code,
        () => '',
      );
      if (!code) throw new ApiClientError('WX_LOGIN_FAILED', '没有拿到微信登录凭证，请检查网络后重试', 0);
      return call(api.auth.wxLogin, { body: { code } });
    });
  }

  function demoSignIn(account: DemoAccount) {
    void signIn(account.account, () => call(api.auth.devLogin, { body: { account: account.account } }));
  }

  // On weapp demo accounts appear only once a development backend has listed them: production
  // refuses them (DEV_LOGIN_DISABLED) and residents should not see a flash of skeleton cards.
  // On H5 production signs in by scanning with the mini-program instead.
  // (production does not even mount them: ROUTE_NOT_FOUND; DEV_LOGIN=off refuses them: DEV_LOGIN_DISABLED).
  const production = demo.errorCode === 'DEV_LOGIN_DISABLED' || demo.errorCode === 'ROUTE_NOT_FOUND';
  const showScan = isH5 && production;
  const showDemo = (isH5 && !production) || (demo.data?.accounts.length ?? 0) > 0;

  return (
    <View className="login-page">
      <View className={`login-hero${isH5 ? ' login-hero--web' : ''}`}>
        <View className="login-hero__emblem">
          <Text className="login-hero__emblem-text">共</Text>
        </View>
        <Text className="login-hero__title">共治通</Text>
        <Text className="login-hero__tagline">党建引领，社区的事大家一起办</Text>
      </View>

      <View className="login-sheet">
        {failure && (
          <View className="login-alert" role="alert">
            <Text>{failure}</Text>
          </View>
        )}

        {!isH5 && (
          <View className="login-wx">
            <Button
              className="login-wx__button"
              type="primary"
              shape="round"
              size="xlarge"
              block
              loading={busy === 'wx'}
              disabled={busy !== null}
              onClick={wxSignIn}
            >
              微信一键登录
            </Button>
            <Text className="login-wx__note">登录后可查看本社区的服务菜单</Text>
          </View>
        )}

        {showScan && <ScanSignIn onSession={(session) => enter(session, 'scan')} />}

        {showDemo && (
          <DemoAccounts
            accounts={demo.data?.accounts ?? []}
            loading={demo.loading}
            error={isH5 ? demo.error : null}
            canRetry={!production}
            busyAccount={busy}
            onPick={demoSignIn}
            onRetry={() => void demo.reload()}
          />
        )}

        <Text className="login-privacy">您的手机号等个人信息仅用于社区服务，页面展示时已隐去中间四位。</Text>
      </View>
    </View>
  );
}
