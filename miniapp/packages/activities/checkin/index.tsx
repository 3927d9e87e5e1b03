import { useEffect, useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { View, Text, Input } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { CHECKIN_WORDS, api, minutesWords, parseWith, readCheckInToken, type MyShift } from '@gongzhi/shared';
import { call, messageOf } from '../../../services/api';
import { useRemote } from '../../../hooks/useRemote';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { EmptyState, ErrorState, LoadingCards } from '../../../components/PageState';
import { BrandTag } from '../../../components/ActivityKit';
import { checkInOpen, checkInWindow, dateTimeText, shiftWhen, timeOf } from '../../../components/ActivityKit/time';
import './index.scss';

const isWeapp = process.env.TARO_ENV === 'weapp';
type Kind = 'checkIn' | 'checkOut';

interface Outcome {
  tone: 'ok' | 'warn' | 'error';
  title: string;
  text: string;
}

/** Seated shifts that can still be checked in or out, soonest first; the ones open now lead. */
async function loadShifts(): Promise<MyShift[]> {
  const [upcoming, past] = await Promise.all([
    call(api.activities.listMyShifts, { query: { when: 'upcoming', pageSize: 100 } }),
    // Check-out stays open 30 minutes after the end: those shifts already count as past.
    call(api.activities.listMyShifts, { query: { when: 'past', pageSize: 5 } }),
  ]);
  const now = Date.now();
  const recent = past.items.filter((s) => checkInOpen(s.start, s.end, now));
  return [...recent, ...upcoming.items].filter((s) => s.status === 'seated' && s.activity.status === 'published');
}

function pickDefault(shifts: MyShift[], wanted: string | undefined): string | null {
  if (wanted && shifts.some((s) => s.shiftId === wanted)) return wanted;
  const now = Date.now();
  const open = shifts.filter((s) => checkInOpen(s.start, s.end, now) && !s.checkOutAt);
  if (open.length >= 1) return open[0].shiftId;
  return shifts.length === 1 ? shifts[0].shiftId : null;
}

function ShiftChoice({ shift, onPick }: { shift: MyShift; onPick: () => void }) {
  const open = checkInOpen(shift.start, shift.end);
  return (
    <View className="ci-choice" hoverClass="ci-choice--pressed" onClick={onPick}>
      <View className="ci-choice__body">
        <Text className="ci-choice__title">{shift.activity.title}</Text>
        <Text className="ci-choice__when">{shiftWhen(shift.start, shift.end)}</Text>
      </View>
      <Text className={`ci-choice__tag${open ? ' ci-choice__tag--open' : ''}`}>{open ? '可签到' : '未开始'}</Text>
    </View>
  );
}

function ShiftCard({ shift, canSwitch, onSwitch }: { shift: MyShift; canSwitch: boolean; onSwitch: () => void }) {
  const now = Date.now();
  const w = checkInWindow(shift.start, shift.end);
  const open = checkInOpen(shift.start, shift.end, now);
  return (
    <View className="ci-shift">
      <View className="ci-shift__head">
        <BrandTag code={shift.activity.brand} name={shift.activity.brandName} />
        {canSwitch && (
          <Text className="ci-shift__switch" onClick={onSwitch}>
            换一个班次
          </Text>
        )}
      </View>
      <Text className="ci-shift__title">{shift.activity.title}</Text>
      <Text className="ci-shift__when">{shiftWhen(shift.start, shift.end, now)}</Text>
      <Text className="ci-shift__place">{`📍 ${shift.activity.address}`}</Text>
      <View className={`ci-shift__window${open ? ' ci-shift__window--open' : ''}`}>
        <Text>
          {open
            ? now < Date.parse(shift.start)
              ? shift.checkInAt
                ? `已签到；班次 ${timeOf(shift.start)} 开始后才能签退`
                : `现在可以签到，${timeOf(shift.start)} 开始后可以签退`
              : `签到签退开放中，至 ${timeOf(new Date(w.closes).toISOString())} 结束`
            : now < w.opens
              ? `${dateTimeText(new Date(w.opens).toISOString())} 起可以签到`
              : '签到签退时间已过'}
        </Text>
      </View>
      <Text className="ci-shift__rule checkin-rule">{`${CHECKIN_WORDS.rule}。`}</Text>
      <View className="ci-steps">
        <View className={`ci-step${shift.checkInAt ? ' ci-step--done' : ''}`}>
          <Text className="ci-step__dot">{shift.checkInAt ? '✓' : '1'}</Text>
          <Text className="ci-step__label">签到</Text>
          <Text className="ci-step__time">{shift.checkInAt ? timeOf(shift.checkInAt) : '未签到'}</Text>
        </View>
        <View className="ci-steps__line" />
        <View className={`ci-step${shift.checkOutAt ? ' ci-step--done' : ''}`}>
          <Text className="ci-step__dot">{shift.checkOutAt ? '✓' : '2'}</Text>
          <Text className="ci-step__label">签退</Text>
          <Text className="ci-step__time">{shift.checkOutAt ? timeOf(shift.checkOutAt) : '未签退'}</Text>
        </View>
      </View>
    </View>
  );
}

export default function CheckInPage() {
  const wanted = useRouter().params.shiftId;
  const signedIn = useSignedIn();
  const shifts = useRemote(loadShifts, [], signedIn);
  const [selected, setSelected] = useState<string | null>(null);
  const [choosing, setChoosing] = useState(false);
  const [code, setCode] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [busy, setBusy] = useState<Kind | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [typing, setTyping] = useState(!isWeapp);

  const list = shifts.data ?? [];
  useEffect(() => {
    if (!shifts.data) return;
    setSelected((now) =>
      now && shifts.data!.some((s) => s.shiftId === now) ? now : pickDefault(shifts.data!, wanted),
    );
  }, [shifts.data, wanted]);

  usePullDownRefresh(() => {
    void shifts.reload().finally(() => Taro.stopPullDownRefresh());
  });

  const shift = list.find((s) => s.shiftId === selected) ?? null;

  /** Sends the typed 6 digits ({ code }) or the scanned QR token ({ token }). */
  async function submit(kind: Kind, shiftId: string, secret: { code: string } | { token: string }) {
    if (busy) return;
    setOutcome(null);
    setFieldError(null);
    const checked = parseWith(api.activities.checkIn.body!, secret, 'body');
    if (!checked.ok) {
      setFieldError(checked.fields[0]?.message ?? '签到码应为 6 位数字');
      return;
    }
    setBusy(kind);
    const endpoint = kind === 'checkIn' ? api.activities.checkIn : api.activities.checkOut;
    const word = kind === 'checkIn' ? '签到' : '签退';
    try {
      const mark = await call(endpoint, { params: { id: shiftId }, body: checked.data });
      const at = `${word}时间 ${dateTimeText(mark.at)}`;
      // A short stay is recorded all the same; the volunteer hears that the organiser will look at it.
      setOutcome(
        mark.shortStay
          ? {
              tone: 'warn',
              title: `${word}成功`,
              text: `${at}。活动期间在岗 ${minutesWords(mark.shortStay.minutes)}，时间较短，组织方会核实后再确认服务时长`,
            }
          : { tone: 'ok', title: `${word}成功`, text: at },
      );
      setCode('');
      void Taro.showToast({ title: `${word}成功`, icon: 'success' });
    } catch (e) {
      setOutcome({ tone: 'error', title: `${word}没有成功`, text: messageOf(e) });
    } finally {
      setBusy(null);
      await shifts.reload();
    }
  }

  async function scan(kind: Kind) {
    let content: string;
    try {
      content = (await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })).result;
    } catch {
      return; // closed the scanner
    }
    const token = content.trim();
    const read = readCheckInToken(token);
    if (!read) {
      setOutcome({ tone: 'error', title: '无法识别', text: '这不是共治通的签到二维码，请扫描组织方手机上的二维码' });
      return;
    }
    // The QR code names its shift: check in to that one, whichever was on screen.
    setSelected(read.shiftId);
    await submit(kind, read.shiftId, { token });
  }

  const checkedIn = !!shift?.checkInAt;
  const checkedOut = !!shift?.checkOutAt;

  return (
    <View className="page checkin-page">
      <View className="ci-hero">
        <Text className="ci-hero__title">签到签退</Text>
        <Text className="ci-hero__sub">{isWeapp ? CHECKIN_WORDS.howInWechat : CHECKIN_WORDS.howInBrowser}</Text>
      </View>

      <View className="ci-body">
        {shifts.loading && !shifts.data && <LoadingCards count={2} />}
        {shifts.error && !shifts.loading && <ErrorState message={shifts.error} onRetry={() => void shifts.reload()} />}
        {shifts.data && !shifts.error && list.length === 0 && (
          <>
            <EmptyState text="没有需要签到的班次" hint="先在「活动」里认领班次，到场后再来签到" />
            <View
              className="ci-go"
              onClick={() => void Taro.navigateTo({ url: '/packages/activities/my-shifts/index' })}
            >
              <Text>查看我的班次</Text>
            </View>
          </>
        )}

        {shifts.data && !shifts.error && list.length > 0 && (!shift || choosing) && (
          <View className="ci-card">
            <Text className="section-title">选择要签到的班次</Text>
            {list.map((s) => (
              <ShiftChoice
                key={s.shiftId}
                shift={s}
                onPick={() => {
                  setSelected(s.shiftId);
                  setChoosing(false);
                  setOutcome(null);
                }}
              />
            ))}
          </View>
        )}

        {shift && !choosing && !shifts.error && (
          <>
            <ShiftCard shift={shift} canSwitch={list.length > 1} onSwitch={() => setChoosing(true)} />

            {outcome && (
              <View
                className={`ci-outcome ci-outcome--${outcome.tone} ${outcome.tone === 'error' ? 'checkin-error' : 'checkin-success'}`}
                role="alert"
              >
                <Text className="ci-outcome__icon">{outcome.tone === 'error' ? '!' : '✓'}</Text>
                <View className="ci-outcome__body">
                  <Text className="ci-outcome__title">{outcome.title}</Text>
                  <Text className="ci-outcome__text">{outcome.text}</Text>
                </View>
              </View>
            )}

            {checkedOut ? (
              <View className="ci-card ci-done">
                <Text className="ci-done__title">本班次已完成签到签退</Text>
                <Text className="ci-done__text">组织方确认后，服务时长会计入您的记录。</Text>
                <View
                  className="ci-go"
                  onClick={() => void Taro.navigateTo({ url: '/packages/activities/hours/index' })}
                >
                  <Text>查看服务时长</Text>
                </View>
              </View>
            ) : (
              <View className="ci-card">
                {isWeapp && (
                  <View className="ci-scan">
                    <Button
                      className={checkedIn ? 'checkout-button' : 'checkin-button'}
                      type="primary"
                      shape="round"
                      size="large"
                      block
                      loading={busy !== null}
                      disabled={busy !== null}
                      onClick={() => void scan(checkedIn ? 'checkOut' : 'checkIn')}
                    >
                      {checkedIn ? CHECKIN_WORDS.scanOut : CHECKIN_WORDS.scanIn}
                    </Button>
                    {!typing && (
                      <Text className="ci-scan__manual" onClick={() => setTyping(true)}>
                        无法扫码？输入签到码
                      </Text>
                    )}
                  </View>
                )}

                {typing && (
                  <View className="ci-code">
                    <Text className="ci-code__label">签到码</Text>
                    <Input
                      className={`checkin-code-input ci-code__input${fieldError ? ' ci-code__input--error' : ''}`}
                      type="number"
                      maxlength={6}
                      value={code}
                      placeholder="6 位数字"
                      placeholderClass="ci-code__placeholder"
                      onInput={(e) => {
                        // type=number ignores maxlength in browsers: keep six digits ourselves.
                        const digits = e.detail.value.replace(/\D/g, '').slice(0, 6);
                        setCode(digits);
                        setFieldError(null);
                        return digits;
                      }}
                    />
                    {fieldError && <Text className="ci-code__error">{fieldError}</Text>}
                    <Text className="ci-code__help">{`签到码在组织方手机上，${CHECKIN_WORDS.refresh}`}</Text>
                    <View className="ci-code__buttons">
                      <Button
                        className={`checkin-button${isWeapp ? ' ci-code__weapp-submit' : ''}`}
                        type={checkedIn ? 'default' : 'primary'}
                        shape="round"
                        size="large"
                        loading={busy === 'checkIn'}
                        disabled={busy !== null || checkedIn}
                        onClick={() => void submit('checkIn', shift.shiftId, { code })}
                      >
                        {checkedIn ? `已签到 ${timeOf(shift.checkInAt!)}` : '签到'}
                      </Button>
                      <Button
                        className={`checkout-button${isWeapp ? ' ci-code__weapp-submit' : ''}`}
                        type={checkedIn ? 'primary' : 'default'}
                        shape="round"
                        size="large"
                        loading={busy === 'checkOut'}
                        // Check-out opens at the start (the server says so too; no need to try before).
                        disabled={busy !== null || !checkedIn || Date.now() < Date.parse(shift.start)}
                        onClick={() => void submit('checkOut', shift.shiftId, { code })}
                      >
                        签退
                      </Button>
                    </View>
                  </View>
                )}
              </View>
            )}
          </>
        )}
      </View>
    </View>
  );
}
