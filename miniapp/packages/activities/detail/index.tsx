import { useMemo, useState, type ReactNode } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  ACTIVITY_FORMAT_LABELS,
  CHECKIN_WORDS,
  api,
  localDateOf,
  type ActivityDetail,
  type ShiftDetail,
} from '@gongzhi/shared';
import { ApiClientError, call, messageOf } from '../../../services/api';
import { getSavedUser } from '../../../services/session';
import { useRemote } from '../../../hooks/useRemote';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { ErrorState, LoadingCards } from '../../../components/PageState';
import { BrandTag, SeatsLeft, canTakePart } from '../../../components/ActivityKit';
import {
  checkInOpen,
  dateTimeText,
  dayName,
  shiftWhen,
  timeOf,
  weekdayText,
} from '../../../components/ActivityKit/time';
import './index.scss';

const isWeapp = process.env.TARO_ENV === 'weapp';

const ACTIVITIES_TAB = '/pages/activities/index';

interface Notice {
  shiftId: string;
  tone: 'ok' | 'error';
  text: string;
}

type RowState = 'seated' | 'waiting' | 'ended' | 'closed' | 'open' | 'full';

function rowState(s: ShiftDetail, now: number): RowState {
  if (s.myClaim) return 'seated';
  if (s.myWaitlist) return 'waiting';
  if (Date.parse(s.end) <= now) return 'ended';
  if (Date.parse(s.claimDeadline) <= now) return 'closed';
  return s.free > 0 ? 'open' : 'full';
}

function stateText(s: ShiftDetail, state: RowState): string {
  switch (state) {
    case 'seated':
      return `已认领 ${s.myClaim?.seatNo ?? ''} 号名额`;
    case 'waiting':
      return `候补第 ${s.myWaitlist?.position ?? ''} 位`;
    case 'ended':
      return '已结束';
    case 'closed':
      return '已截止认领';
    case 'open':
      return '可认领';
    case 'full':
      return '可候补';
  }
}

function InfoRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <View className="ad-info__row">
      <Text className="ad-info__label">{label}</Text>
      <View className="ad-info__value">{children}</View>
    </View>
  );
}

function Hero({ activity }: { activity: ActivityDetail }) {
  return (
    <View className="ad-hero">
      <View className="ad-hero__tags">
        <BrandTag code={activity.brand} name={activity.brandName} />
        {activity.status === 'cancelled' && <Text className="ad-hero__status">已取消</Text>}
        {activity.status === 'draft' && <Text className="ad-hero__status ad-hero__status--draft">草稿</Text>}
      </View>
      <Text className="ad-hero__title">{activity.title}</Text>
      {activity.status === 'cancelled' && (
        <View className="ad-hero__cancelled">
          <Text>{`活动已取消${activity.cancelReason ? `：${activity.cancelReason}` : ''}`}</Text>
        </View>
      )}
      <View className="ad-info">
        <InfoRow label="组织方">
          <Text>{activity.organiser.name}</Text>
        </InfoRow>
        {activity.teamName && (
          <InfoRow label="志愿队">
            <Text>{activity.teamName}</Text>
          </InfoRow>
        )}
        <InfoRow label="地点">
          <Text>{`${activity.community.name} · ${activity.address}`}</Text>
        </InfoRow>
        <InfoRow label="形式">
          <Text>{ACTIVITY_FORMAT_LABELS[activity.format]}</Text>
        </InfoRow>
      </View>
    </View>
  );
}

interface RowProps {
  shift: ShiftDetail;
  activity: ActivityDetail;
  participant: boolean;
  busy: boolean;
  notice: Notice | null;
  onClaim: (s: ShiftDetail, wait: boolean) => void;
  onCancel: (s: ShiftDetail) => void;
}

function ShiftRow({ shift, activity, participant, busy, notice, onClaim, onCancel }: RowProps) {
  const now = Date.now();
  const state = rowState(shift, now);
  const day = localDateOf(shift.start);
  const started = Date.parse(shift.start) <= now;
  const live = activity.status === 'published';
  const percent = shift.seats > 0 ? Math.min(100, Math.round((shift.taken / shift.seats) * 100)) : 0;
  const deadlinePassed = Date.parse(shift.claimDeadline) <= now;
  const canAct = participant && live;

  const actions: ReactNode[] = [];
  if (state === 'seated' && checkInOpen(shift.start, shift.end, now)) {
    actions.push(
      <Button
        key="checkin"
        className="go-checkin-button"
        type="primary"
        shape="round"
        onClick={() => void Taro.navigateTo({ url: `/packages/activities/checkin/index?shiftId=${shift.id}` })}
      >
        去签到
      </Button>,
    );
  }
  if ((state === 'seated' || state === 'waiting') && !started) {
    actions.push(
      <Button
        key="cancel"
        className="cancel-claim-button"
        shape="round"
        fill="outline"
        loading={busy}
        disabled={busy}
        onClick={() => onCancel(shift)}
      >
        {state === 'seated' ? '取消认领' : '退出候补'}
      </Button>,
    );
  }
  if (state === 'open') {
    actions.push(
      <Button
        key="claim"
        className="claim-button"
        type="primary"
        shape="round"
        loading={busy}
        disabled={busy}
        onClick={() => onClaim(shift, false)}
      >
        认领名额
      </Button>,
    );
  }
  if (state === 'full') {
    actions.push(
      <Button
        key="wait"
        className="claim-button claim-button--wait"
        type="primary"
        fill="outline"
        shape="round"
        loading={busy}
        disabled={busy}
        onClick={() => onClaim(shift, true)}
      >
        名额已满，加入候补
      </Button>,
    );
  }

  return (
    <View className={`shift-row shift-row--${state}`}>
      <View className="shift-row__top">
        <View className="shift-row__when">
          <Text className="shift-row__day">{`${dayName(day, now)} ${weekdayText(day)}`}</Text>
          <Text className="shift-row__time">{`${timeOf(shift.start)}–${timeOf(shift.end)}`}</Text>
        </View>
        <SeatsLeft free={shift.free} />
      </View>

      <View className="shift-row__bar">
        <View
          className={`shift-row__fill${shift.free <= 0 ? ' shift-row__fill--full' : ''}`}
          style={{ width: `${percent}%` }}
        />
      </View>
      <View className="shift-row__meta">
        <Text className="shift-row__count">
          {`已认领 ${shift.taken}/${shift.seats}${shift.waiting > 0 ? ` · 候补 ${shift.waiting} 人` : ''}`}
        </Text>
        {(participant || (state !== 'open' && state !== 'full')) && (
          <Text className={`shift-state shift-state--${state}`}>{stateText(shift, state)}</Text>
        )}
      </View>
      <Text className={`shift-row__deadline${deadlinePassed ? ' shift-row__deadline--passed' : ''}`}>
        {`认领截止：${dateTimeText(shift.claimDeadline)}${deadlinePassed ? '（已截止）' : ''}`}
      </Text>

      {canAct && actions.length > 0 && <View className="shift-row__actions">{actions}</View>}

      {notice && (
        <View className={`shift-row__notice shift-row__notice--${notice.tone}`} role="alert">
          <Text>{notice.text}</Text>
        </View>
      )}
    </View>
  );
}

export default function ActivityDetailPage() {
  const id = useRouter().params.id ?? '';
  const signedIn = useSignedIn();
  const user = useMemo(getSavedUser, []);
  const participant = canTakePart(user);
  const detail = useRemote(() => call(api.activities.getActivity, { params: { id } }), [id], signedIn);
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const activity = detail.data;

  usePullDownRefresh(() => {
    setNotice(null);
    void detail.reload().finally(() => Taro.stopPullDownRefresh());
  });

  async function claim(shift: ShiftDetail, wait: boolean) {
    if (busy) return;
    if (wait) {
      const { confirm } = await Taro.showModal({
        title: '名额已满，加入候补？',
        content: `该班次 ${shift.seats} 个名额已满${shift.waiting ? `，已有 ${shift.waiting} 人候补` : ''}。有人取消时按候补顺序自动递补，递补成功会通知您。`,
        confirmText: '加入候补',
        cancelText: '再想想',
        confirmColor: '#D42A1F',
      });
      if (!confirm) return;
    }
    setBusy(shift.id);
    setNotice(null);
    try {
      const result = await call(api.activities.claimSeat, { params: { id: shift.id }, body: { wait } });
      const text =
        result.status === 'seated'
          ? `认领成功：您是本班次第 ${result.seatNo} 号名额。${CHECKIN_WORDS.rule}。`
          : `已加入候补，当前排第 ${result.waitlistPosition} 位，递补成功会通知您。`;
      setNotice({ shiftId: shift.id, tone: 'ok', text });
      void Taro.showToast({ title: result.status === 'seated' ? '认领成功' : '已加入候补', icon: 'success' });
    } catch (e) {
      const full = e instanceof ApiClientError && e.code === 'CAPACITY_FULL';
      setNotice({
        shiftId: shift.id,
        tone: 'error',
        text: full ? '手慢了，名额刚刚被认领完。可以加入候补，有人取消时自动递补。' : messageOf(e),
      });
    } finally {
      setBusy(null);
      await detail.reload();
    }
  }

  async function cancel(shift: ShiftDetail) {
    if (busy) return;
    const seated = !!shift.myClaim;
    const when = shiftWhen(shift.start, shift.end);
    const { confirm } = await Taro.showModal({
      title: seated ? '取消认领' : '退出候补',
      content: seated ? `确定取消「${when}」的名额吗？名额将让给候补的志愿者。` : `确定退出「${when}」的候补吗？`,
      confirmText: seated ? '取消认领' : '退出候补',
      cancelText: '再想想',
      confirmColor: '#D42A1F',
    });
    if (!confirm) return;
    setBusy(shift.id);
    setNotice(null);
    try {
      await call(api.activities.cancelClaim, { params: { id: shift.id } });
      setNotice({ shiftId: shift.id, tone: 'ok', text: seated ? '已取消认领，名额已释放。' : '已退出候补。' });
      void Taro.showToast({ title: seated ? '已取消认领' : '已退出候补', icon: 'success' });
    } catch (e) {
      setNotice({ shiftId: shift.id, tone: 'error', text: messageOf(e) });
    } finally {
      setBusy(null);
      await detail.reload();
    }
  }

  return (
    <View className="page activity-detail">
      {detail.loading && !activity && (
        <View className="ad-loading">
          <LoadingCards count={3} />
        </View>
      )}
      {detail.error && !detail.loading && (
        <View className="ad-loading">
          <ErrorState
            message={detail.error}
            // A broken link or a removed activity does not come back by trying again.
            onRetry={
              detail.errorCode === 'VALIDATION_FAILED' || detail.errorCode === 'NOT_FOUND'
                ? undefined
                : () => void detail.reload()
            }
            fallback={{ text: '回到活动列表', onClick: () => void Taro.switchTab({ url: ACTIVITIES_TAB }) }}
          />
        </View>
      )}

      {activity && !detail.error && (
        <>
          <Hero activity={activity} />

          <View className="ad-section">
            <View className="ad-section__head">
              <Text className="section-title">班次与名额</Text>
              <Text className="ad-section__count">{`${activity.shifts.length} 个班次`}</Text>
            </View>
            {activity.shifts.length === 0 && <Text className="ad-note">组织方还没有安排班次，过几天再来看看。</Text>}
            {activity.shifts.map((s) => (
              <ShiftRow
                key={s.id}
                shift={s}
                activity={activity}
                participant={participant}
                busy={busy === s.id}
                notice={notice?.shiftId === s.id ? notice : null}
                onClaim={(x, wait) => void claim(x, wait)}
                onCancel={(x) => void cancel(x)}
              />
            ))}
            {!participant && <Text className="ad-note">志愿者、党员和居民可以认领名额；您当前的身份只能查看。</Text>}
            {activity.canManage && (
              <Text className="ad-note">您是本活动的组织方，可在「管理」中调整班次、查看名单和出示签到码。</Text>
            )}
          </View>

          {activity.description && (
            <View className="ad-section">
              <Text className="section-title">活动介绍</Text>
              <Text className="ad-text">{activity.description}</Text>
            </View>
          )}

          <View className="ad-section">
            <Text className="section-title">认领须知</Text>
            <View className="ad-rules">
              <Text className="ad-rules__item">· 各班次的认领截止时间见上方，截止后不能再认领，取消需联系组织方。</Text>
              <Text className="ad-rules__item">· 名额已满可以候补，有人取消时按顺序自动递补并通知您。</Text>
              <Text className="ad-rules__item">{`· 签到签退：${CHECKIN_WORDS.rule}；${isWeapp ? CHECKIN_WORDS.howInWechat : CHECKIN_WORDS.howInBrowser}。`}</Text>
              <Text className="ad-rules__item">· 活动结束后，社区确认服务时长，计入您的记录。</Text>
            </View>
          </View>

          {participant && (
            <View
              className="ad-mine-link"
              hoverClass="ad-mine-link--pressed"
              onClick={() => void Taro.navigateTo({ url: '/packages/activities/my-shifts/index' })}
            >
              <Text className="ad-mine-link__text">查看我的班次</Text>
              <Text className="ad-mine-link__go">›</Text>
            </View>
          )}
        </>
      )}
    </View>
  );
}
