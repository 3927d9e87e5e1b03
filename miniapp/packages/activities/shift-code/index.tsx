import { useEffect, useState } from 'react';
import Taro, { useDidHide, useDidShow, useRouter } from '@tarojs/taro';
import { View, Text, Image } from '@tarojs/components';
import { CHECKIN_WORDS, api } from '@gongzhi/shared';
import { call } from '../../../services/api';
import { useRemote } from '../../../hooks/useRemote';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { ErrorState, LoadingCards } from '../../../components/PageState';
import { checkInWindow, shiftWhen, timeOf } from '../../../components/ActivityKit/time';
import './index.scss';

const isWeapp = process.env.TARO_ENV === 'weapp';

/** `483 920`: two groups of three are easier to read out and type. */
function spaced(code: string): string {
  return `${code.slice(0, 3)} ${code.slice(3)}`;
}

/**
 * The organiser's phone on site: the shift's QR code (a signed token, new every 5 minutes) for
 * volunteers in WeChat, and the same code's 6 digits for those on the web version.
 */
export default function ShiftCodePage() {
  const shiftId = useRouter().params.shiftId ?? '';
  const signedIn = useSignedIn();
  const code = useRemote(
    () => call(api.activities.getShiftCode, { params: { id: shiftId } }),
    [shiftId],
    signedIn && !!shiftId,
  );
  const [visible, setVisible] = useState(true);
  const [now, setNow] = useState(Date.now());

  // Fetch the next code when this one is due to change (a second late, so the server is surely there).
  useEffect(() => {
    if (!code.data || !visible) return;
    const wait = Math.max(1_000, Date.parse(code.data.refreshAt) - Date.now() + 1_000);
    const timer = setTimeout(() => {
      setNow(Date.now());
      void code.reload();
    }, wait);
    return () => clearTimeout(timer);
  }, [code.data, visible]); // eslint-disable-line react-hooks/exhaustive-deps

  useDidShow(() => {
    setVisible(true);
    setNow(Date.now());
    // Coming back to the page (or the phone waking up): the code shown may be old.
    if (code.data && Date.parse(code.data.refreshAt) <= Date.now()) void code.reload();
    // The phone lies on the table showing the code: keep its screen on.
    if (isWeapp) void Taro.setKeepScreenOn({ keepScreenOn: true });
  });
  useDidHide(() => {
    setVisible(false);
    if (isWeapp) void Taro.setKeepScreenOn({ keepScreenOn: false });
  });

  const data = code.data;
  const stale = !!data && Date.parse(data.expiresAt) <= now;
  const w = data ? checkInWindow(data.shift.start, data.shift.end) : null;
  const open = !!w && now >= w.opens && now <= w.closes;
  const status =
    !data || !w
      ? ''
      : now < w.opens
        ? `还没到签到时间：${timeOf(new Date(w.opens).toISOString())} 起可以签到`
        : now < Date.parse(data.shift.start)
          ? `现在可以签到，${timeOf(data.shift.start)} 开始后可以签退`
          : open
            ? '现在可以签到签退'
            : '本班次签到签退已经结束';

  return (
    <View className="page shift-code-page">
      {code.loading && !data && <LoadingCards count={2} />}
      {code.error && !code.loading && <ErrorState message={code.error} onRetry={() => void code.reload()} />}
      {data && (
        <>
          <View className="sc-head">
            <Text className="sc-head__title">{data.activity.title}</Text>
            <Text className="sc-head__when">{shiftWhen(data.shift.start, data.shift.end, now)}</Text>
            <Text className="sc-head__place">{`📍 ${data.activity.address}`}</Text>
          </View>
          <View className="sc-card">
            <Text className={`sc-status${open ? ' sc-status--open' : ''}`}>{status}</Text>
            <View className={`sc-qr${stale ? ' sc-qr--stale' : ''}`}>
              <Image className="sc-qr__image shift-qr-image" src={data.qrImage} mode="aspectFit" />
            </View>
            <Text className="sc-refresh">{`${CHECKIN_WORDS.refresh}，下次更新 ${timeOf(data.refreshAt)}`}</Text>
            <View className="sc-digits">
              <Text className="sc-digits__label">网页版志愿者输入签到码</Text>
              <Text className="sc-digits__code shift-code-digits">{spaced(data.code)}</Text>
            </View>
            {stale && (
              <Text className="sc-stale" onClick={() => void code.reload()}>
                二维码已过期，正在更新；没有变化请点这里
              </Text>
            )}
          </View>
          <View className="sc-help">
            <Text className="sc-help__line">{`微信里：志愿者点「${CHECKIN_WORDS.scanIn}」扫上面的二维码`}</Text>
            <Text className="sc-help__line">网页版：志愿者输入上面的 6 位签到码</Text>
            <Text className="sc-help__line">{`${CHECKIN_WORDS.rule}。`}</Text>
          </View>
        </>
      )}
    </View>
  );
}
