import { useCallback, useEffect, useRef, useState } from 'react';
import { useDidHide, useDidShow } from '@tarojs/taro';
import { View, Text, Image } from '@tarojs/components';
import { Button, Loading } from '@nutui/nutui-react-taro';
import { api, type LoginTicketStatus, type ResponseOf, type SessionResponse } from '@gongzhi/shared';
import { ApiClientError, call, messageOf } from '../../services/api';

type Ticket = ResponseOf<typeof api.auth.createLoginTicket>;

const POLL_MS = 2000;

/** What lies over the code once something happened to it. */
const OVERLAY: Partial<Record<LoginTicketStatus, { title: string; text: string }>> = {
  scanned: { title: '已扫码', text: '请在手机上点「确认登录」' },
  cancelled: { title: '已取消', text: '您在手机上取消了这次登录' },
  confirmed: { title: '已确认', text: '正在登录…' },
};

/**
 * The H5 version's sign-in without passwords: a QR code of a login ticket that the signed-in
 * mini-program scans and confirms. Polls every 2 s while the page shows, takes a new code when one
 * expires, and hands the session over once confirmed.
 */
export function ScanSignIn({ onSession }: { onSession: (session: SessionResponse) => void }) {
  const [ticket, setTicket] = useState<Ticket | null>(null);
  const [status, setStatus] = useState<LoginTicketStatus>('waiting');
  const [error, setError] = useState<string | null>(null);
  const visible = useRef(true);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const current = useRef<Ticket | null>(null);
  const done = useRef(false);
  // The timers run closures of the first render: they read the latest handler through a ref.
  const handOver = useRef(onSession);
  handOver.current = onSession;

  const stop = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };

  const fresh = useCallback(async () => {
    stop();
    setError(null);
    try {
      const t = await call(api.auth.createLoginTicket);
      current.current = t;
      setTicket(t);
      setStatus('waiting');
      schedule();
    } catch (e) {
      setError(messageOf(e));
    }
    // schedule is stable for the component's life (it reads refs only).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const poll = async () => {
    const t = current.current;
    if (!t || done.current || !visible.current) return;
    // The code ran out unseen: take a new one at once rather than show a dead code.
    if (Date.parse(t.expiresAt) <= Date.now()) return void fresh();
    try {
      const state = await call(api.auth.pollLoginTicket, { params: { id: t.id }, query: { secret: t.secret } });
      if (current.current !== t) return;
      setStatus(state.status);
      if (state.session) {
        done.current = true;
        return handOver.current(state.session);
      }
      if (state.status === 'expired') return void fresh();
      if (state.status === 'cancelled' || state.status === 'confirmed') return; // waits for 刷新
    } catch (e) {
      // A ticket the server no longer knows: start over; a network hiccup: keep asking.
      if (e instanceof ApiClientError && e.status === 404) return void fresh();
    }
    schedule();
  };

  function schedule() {
    stop();
    if (visible.current && !done.current) timer.current = setTimeout(() => void poll(), POLL_MS);
  }

  useEffect(() => {
    void fresh();
    return stop;
  }, [fresh]);

  // Stop asking while the page is hidden (another page, a background tab); resume on return.
  useDidHide(() => {
    visible.current = false;
    stop();
  });
  useDidShow(() => {
    if (visible.current) return;
    visible.current = true;
    void poll();
  });

  const overlay = OVERLAY[status];
  return (
    <View className="scan-sign-in">
      <Text className="scan-sign-in__title">用微信小程序扫码登录</Text>
      <View className="scan-sign-in__code">
        {ticket ? <Image className="scan-sign-in__qr" src={ticket.qr} mode="aspectFit" /> : error ? null : <Loading />}
        {error && (
          <View className="scan-sign-in__over scan-sign-in__over--error">
            <Text className="scan-sign-in__over-text">{error}</Text>
            <Button className="scan-sign-in__refresh" type="primary" size="small" onClick={() => void fresh()}>
              重新获取
            </Button>
          </View>
        )}
        {!error && overlay && (
          <View className={`scan-sign-in__over scan-sign-in__over--${status}`}>
            <Text className="scan-sign-in__over-title">{overlay.title}</Text>
            <Text className="scan-sign-in__over-text">{overlay.text}</Text>
            {status === 'cancelled' && (
              <Button className="scan-sign-in__refresh" type="primary" size="small" onClick={() => void fresh()}>
                刷新二维码
              </Button>
            )}
          </View>
        )}
      </View>
      <View className="scan-sign-in__steps">
        <Text className="scan-sign-in__step">1. 在手机微信里打开「共治通」小程序</Text>
        <Text className="scan-sign-in__step">2. 点「我的」→「扫一扫」，扫描上面的二维码</Text>
        <Text className="scan-sign-in__step">3. 在手机上点「确认登录」</Text>
      </View>
      <Text className="scan-sign-in__note">
        二维码 2 分钟内有效，过期后会自动更新。网页版登录 12 小时后需要重新扫码。
      </Text>
    </View>
  );
}
