import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text, Button as WxButton, type ButtonProps, type BaseEventOrig } from '@tarojs/components';
import { api } from '@gongzhi/shared';
import { call, messageOf } from '../../../services/api';
import { saveUser } from '../../../services/session';
import { useRemote } from '../../../hooks/useRemote';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { ErrorState, LoadingCards } from '../../../components/PageState';
import '../account.scss';
import './index.scss';

const isWeapp = process.env.TARO_ENV === 'weapp';

/** 绑定手机号: WeChat hands over the number the person picks (手机号快速验证); the server keeps it, shows it masked. */
export default function PhonePage() {
  const signedIn = useSignedIn();
  const me = useRemote(() => call(api.auth.getMe), [], signedIn);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onPhone = async (e: BaseEventOrig<ButtonProps.onGetPhoneNumberEventDetail>) => {
    const code = e.detail.code;
    // No code: the person closed WeChat's sheet, or this WeChat is too old to offer it.
    if (!code) {
      if (!/deny|cancel/i.test(e.detail.errMsg ?? '')) setError('微信没有提供手机号，请更新微信后再试');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const user = await call(api.people.bindMyPhone, { body: { code } });
      saveUser(user);
      await me.reload();
      void Taro.showToast({ title: '手机号已绑定', icon: 'success' });
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="page account-page phone-page">
      <View className="account-hero">
        <Text className="account-hero__title">绑定手机号</Text>
        <Text className="account-hero__text">
          绑定后，社区工作人员和为您服务的人能及时联系到您。页面上只显示前三位和后四位。
        </Text>
      </View>
      {me.loading && !me.data && <LoadingCards count={1} />}
      {me.error && !me.loading && <ErrorState message={me.error} onRetry={() => void me.reload()} />}
      {me.data && (
        <View className="phone-current">
          <Text className="phone-current__label">现在的手机号</Text>
          <Text className="phone-current__value">{me.data.phone ?? '还没有绑定'}</Text>
        </View>
      )}
      {error && (
        <View className="account-alert" role="alert">
          <Text>{error}</Text>
        </View>
      )}
      {isWeapp ? (
        <WxButton
          className="phone-button"
          openType="getPhoneNumber"
          loading={busy}
          disabled={busy}
          onGetPhoneNumber={(e) => void onPhone(e)}
        >
          {me.data?.phone ? '换一个手机号' : '用微信绑定手机号'}
        </WxButton>
      ) : (
        <View className="account-alert phone-web">
          <Text>绑定手机号需要在微信里操作：请打开微信，进入“共治通”小程序，在“我的”里点“绑定手机号”。</Text>
        </View>
      )}
      <Text className="account-note">目前只能绑定中国大陆的手机号。号码不对？可以随时重新绑定。</Text>
    </View>
  );
}
