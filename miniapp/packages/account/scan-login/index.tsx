import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { api } from '@gongzhi/shared';
import { call, messageOf } from '../../../services/api';
import { openedWith } from '../../../services/links';
import { MINE_URL, currentUrl, getToken, goToLogin, signedInByScan } from '../../../services/session';
import { useRemote } from '../../../hooks/useRemote';
import { LoadingCards } from '../../../components/PageState';
import { PlainButton } from '../../admin/components/ui';
import { Notice } from '../kit/Notice';
import '../../admin/components/ui.scss';
import './index.scss';

const isH5 = process.env.TARO_ENV === 'h5';
const TICKET = /^[A-Za-z0-9_-]{16,32}$/;

const done = () => {
  const pages = Taro.getCurrentPages();
  if (pages.length > 1) void Taro.navigateBack();
  else void Taro.switchTab({ url: MINE_URL });
};

/**
 * The mini-program's side of the H5 sign-in (扫码登录): opened from the QR code on the computer
 * (扫一扫, or WeChat opening the mini-program for it). Shows which browser asks and lets the person
 * confirm or refuse. A browser itself cannot confirm: on H5 the page says where to do it.
 */
export default function ScanLoginPage() {
  const { params } = useRouter();
  const ticket = openedWith(params, 'ticket') ?? '';
  const valid = TICKET.test(ticket);
  // H5 is the computer's side: only a mini-program sign-in (not one made by scanning) may confirm.
  const [signedIn] = useState(() => getToken() !== null);
  const wrongPlace = isH5 && (!signedIn || signedInByScan());
  const [answer, setAnswer] = useState<'confirmed' | 'cancelled' | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!signedIn && !isH5) goToLogin({ next: currentUrl() });
  }, [signedIn]);

  const scan = useRemote(
    () => call(api.auth.scanLoginTicket, { params: { id: ticket } }),
    [ticket],
    signedIn && valid && !wrongPlace,
  );

  const act = async (confirm: boolean) => {
    if (busy) return;
    setBusy(true);
    try {
      const endpoint = confirm ? api.auth.confirmLoginTicket : api.auth.cancelLoginTicket;
      await call(endpoint, { params: { id: ticket } });
      setAnswer(confirm ? 'confirmed' : 'cancelled');
    } catch (e) {
      setFailure(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const finish = (
    <Button type="primary" shape="round" block className="scan-login__done" onClick={done}>
      完成
    </Button>
  );

  let body;
  if (wrongPlace) {
    body = (
      <Notice
        symbol="📱"
        title="请在微信小程序里确认"
        text="网页版的登录要用手机上的「共治通」小程序确认：在手机微信里打开小程序，点「我的」→「扫一扫」，扫描电脑上的二维码。"
      />
    );
  } else if (!signedIn) {
    body = <View />;
  } else if (!valid) {
    body = (
      <Notice symbol="?" tone="alert" title="二维码不完整" text="请在电脑上刷新登录二维码后重新扫描。">
        {finish}
      </Notice>
    );
  } else if (failure || scan.error) {
    body = (
      <Notice symbol="!" tone="alert" title="没有登录" text={failure ?? scan.error ?? ''}>
        {finish}
      </Notice>
    );
  } else if (answer === 'confirmed') {
    body = (
      <Notice
        symbol="✔"
        tone="done"
        className="scan-login--confirmed"
        title="已确认登录"
        text="请回到电脑上继续。不用时，可以在「我的 → 我登录的网页版」里让它下线。"
      >
        {finish}
      </Notice>
    );
  } else if (answer === 'cancelled') {
    body = (
      <Notice symbol="✕" title="已取消登录" text="电脑上不会登录您的账号。">
        {finish}
      </Notice>
    );
  } else if (scan.data) {
    body = (
      <Notice
        symbol="💻"
        className="scan-login--ask"
        title={`在 ${scan.data.browser} 上登录共治通网页版？`}
        text="请确认是您本人正在电脑上操作。登录后，网页版可以使用您账号的全部功能，12 小时后自动退出。"
      >
        <Button
          type="primary"
          shape="round"
          block
          className="scan-login__confirm"
          loading={busy}
          onClick={() => void act(true)}
        >
          确认登录
        </Button>
        <PlainButton className="scan-login__cancel" onClick={() => void act(false)}>
          取消
        </PlainButton>
      </Notice>
    );
  } else {
    body = <LoadingCards count={1} />;
  }

  return <View className="page scan-login">{body}</View>;
}
