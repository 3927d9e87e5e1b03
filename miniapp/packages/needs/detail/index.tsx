import { useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { View, Text, Textarea } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  MENU_CATEGORIES,
  NEED_STATUS_LABELS,
  REOPEN_MAX_STARS,
  allowedNeedActions,
  api,
  dispatchSentence,
  parseWith,
  rateNeedBody,
  type MenuItemDetail,
  type NeedAction,
  type NeedDetail,
  type NeedStatus,
} from '@gongzhi/shared';
import { ApiClientError, call, messageOf } from '../../../services/api';
import { useRemote } from '../../../hooks/useRemote';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { ErrorState, LoadingCards } from '../../../components/PageState';
import {
  ApiPhoto,
  FieldMessage,
  STAR_WORDS,
  Stars,
  StatusPill,
  errorsByField,
  whenText,
} from '../../../components/ResidentKit';
import { NEED_TONES, overdueText } from '../look';
import { HelpCard } from './HelpCard';
import { Timeline } from './Timeline';
import './index.scss';

const STEPS: { status: NeedStatus; label: string }[] = [
  { status: 'submitted', label: '已提交' },
  { status: 'accepted', label: '已受理' },
  { status: 'routed', label: '已派单' },
  { status: 'in_progress', label: '办理中' },
  { status: 'done', label: '已办结' },
];
const STEP_OF: Partial<Record<NeedStatus, number>> = {
  submitted: 0,
  accepted: 1,
  routed: 2,
  in_progress: 3,
  done: 4,
  closed: 5,
};

/** The line under the status: what happens next, in the resident's words. */
function nextLine(need: NeedDetail): string {
  switch (need.status) {
    case 'submitted':
      return `等待社区受理，最晚 ${whenText(need.dueAcceptAt)} 前受理`;
    case 'accepted':
      return need.handler ? `${need.handler.name}已受理，正在安排服务` : '社区已受理，正在安排服务';
    case 'routed': {
      const sent = [...need.timeline].reverse().find((e) => e.action === 'dispatch');
      return sent ? `${dispatchSentence(sent)}，请留意来电` : '社区正在为您安排';
    }
    case 'in_progress': {
      const who = need.assignee ? `${need.assignee.name}正在为您服务` : '正在办理';
      return need.dueCompleteAt ? `${who}，最晚 ${whenText(need.dueCompleteAt)} 前办结` : who;
    }
    case 'done':
      return '已经办结，请给这次服务打个分';
    case 'closed':
      return need.rating ? `您的评价：${STAR_WORDS[need.rating.stars]}` : '已关闭';
    case 'rejected':
      return need.rejectReason ? `驳回原因：${need.rejectReason}` : '社区没有受理这项需求';
    case 'withdrawn':
      return '您已撤回这项点单';
  }
}

function Progress({ need }: { need: NeedDetail }) {
  const at = STEP_OF[need.status];
  if (at === undefined) return null;
  return (
    <View className="need-steps">
      {STEPS.map((s, i) => (
        <View
          key={s.status}
          className={`need-steps__step ${i <= at ? 'need-steps__step--done' : ''} ${i === at ? 'need-steps__step--now' : ''}`}
        >
          <View className="need-steps__dot" />
          <Text className="need-steps__label">{s.label}</Text>
        </View>
      ))}
    </View>
  );
}

function answerText(item: MenuItemDetail | null, code: string, value: string | number | string[]): string {
  const field = item?.fields.find((f) => f.code === code);
  const label = (key: string) => field?.options?.find((o) => o.key === key)?.label ?? key;
  if (Array.isArray(value)) return value.map(label).join('、');
  if (field?.type === 'singleChoice' && typeof value === 'string') return label(value);
  if (field?.type === 'datetime' && typeof value === 'string') return whenText(value);
  return String(value);
}

function InfoRow({ label, value, className }: { label: string; value: string; className?: string }) {
  return (
    <View className={`need-info__row ${className ?? ''}`}>
      <Text className="need-info__label">{label}</Text>
      <Text className="need-info__value">{value}</Text>
    </View>
  );
}

function RateCard({ need, onDone }: { need: NeedDetail; onDone: (n: NeedDetail) => void }) {
  const [stars, setStars] = useState(0);
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  async function send() {
    const checked = parseWith(rateNeedBody, { stars, comment }, 'body');
    if (!checked.ok) {
      setErrors(errorsByField(checked.fields));
      return;
    }
    const { confirm } = await Taro.showModal({
      title: '提交评价',
      content: `${stars} 星 · ${STAR_WORDS[stars]}。提交后不能修改，确定提交吗？`,
      confirmText: '提交',
      cancelText: '再想想',
      confirmColor: '#D42A1F',
    });
    if (!confirm) return;
    setBusy(true);
    try {
      onDone(await call(api.needs.rateNeed, { params: { id: need.id }, body: { stars, comment } }));
      void Taro.showToast({ title: '感谢您的评价', icon: 'success' });
    } catch (e) {
      setErrors({ form: messageOf(e), ...(e instanceof ApiClientError ? errorsByField(e.fields) : {}) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="need-card-box need-rate">
      <Text className="section-title">评价这次服务</Text>
      <View className="need-rate__stars">
        <Stars value={stars} onChange={(n) => (setStars(n), setErrors({}))} />
        <Text className="need-rate__word">{stars ? STAR_WORDS[stars] : '点星星打分'}</Text>
      </View>
      <FieldMessage text={errors.stars} />
      <View className="need-rate__box">
        <Textarea
          className="need-rate__comment"
          value={comment}
          maxlength={500}
          placeholder="说说您的感受（选填）"
          placeholderClass="need-placeholder"
          onInput={(e) => setComment(e.detail.value)}
        />
      </View>
      <FieldMessage text={errors.comment ?? errors.form} />
      <Button
        className="need-rate__send"
        type="primary"
        shape="round"
        size="large"
        block
        loading={busy}
        onClick={() => void send()}
      >
        提交评价
      </Button>
    </View>
  );
}

export default function NeedDetailPage() {
  const params = useRouter().params;
  const id = params.id ?? '';
  const signedIn = useSignedIn();
  const [justCreated, setJustCreated] = useState(params.created === '1');
  const [busy, setBusy] = useState<NeedAction | null>(null);
  const remote = useRemote(() => call(api.needs.getNeed, { params: { id } }), [id], signedIn);
  const [override, setOverride] = useState<NeedDetail | null>(null);
  const need = override && override.id === id ? override : remote.data;
  // The item's field labels turn answer codes into words; without them the codes still show.
  const itemId = need?.menuItem?.id ?? null;
  const item = useRemote(() => call(api.menu.getMenuItem, { params: { id: itemId ?? '' } }), [itemId], !!itemId);

  usePullDownRefresh(() => {
    setOverride(null);
    void remote.reload().finally(() => Taro.stopPullDownRefresh());
  });

  async function act(action: 'withdraw' | 'reopen') {
    if (!need || busy) return;
    const texts = {
      withdraw: {
        title: '撤回点单',
        content: '撤回后社区将不再办理这项需求，也不能恢复。确定撤回吗？',
        confirmText: '撤回',
      },
      reopen: {
        title: '申请回访重办',
        content: '社区将重新受理并安排办理，每项点单只能申请一次。确定申请吗？',
        confirmText: '申请',
      },
    }[action];
    const { confirm } = await Taro.showModal({ ...texts, cancelText: '再想想', confirmColor: '#D42A1F' });
    if (!confirm) return;
    setBusy(action);
    try {
      const endpoint = action === 'withdraw' ? api.needs.withdrawNeed : api.needs.reopenNeed;
      setOverride(await call(endpoint, { params: { id: need.id }, body: {} }));
      void Taro.showToast({ title: action === 'withdraw' ? '已撤回' : '已申请回访', icon: 'success' });
    } catch (e) {
      void Taro.showModal({ title: '没有成功', content: messageOf(e), showCancel: false, confirmText: '知道了' });
      // The state may have moved on meanwhile (staff accepted it): show what it is now.
      setOverride(null);
      void remote.reload();
    } finally {
      setBusy(null);
    }
  }

  if (remote.loading && !need) {
    return (
      <View className="page need-detail">
        <LoadingCards count={3} />
      </View>
    );
  }
  if (!need) {
    return (
      <View className="page need-detail">
        <ErrorState
          message={remote.error ?? '加载没有成功'}
          onRetry={
            remote.errorCode === 'VALIDATION_FAILED' || remote.errorCode === 'NOT_FOUND'
              ? undefined
              : () => void remote.reload()
          }
          fallback={{
            text: '查看我的点单',
            onClick: () => void Taro.redirectTo({ url: '/packages/needs/list/index' }),
          }}
        />
      </View>
    );
  }

  // Offer only what the state machine allows the owner now, and the server agrees with.
  const allowed = allowedNeedActions(need.status, {
    actors: ['owner'],
    rating: need.rating,
    reopenedOnce: need.reopenedOnce,
  }).filter((a) => need.actions.includes(a));
  const late = overdueText(need.overdue);
  const category = MENU_CATEGORIES.find((c) => c.code === need.categoryCode);
  const answers = Object.entries(need.answers);

  return (
    <View className="page need-detail">
      {justCreated && (
        <View className="need-created" onClick={() => setJustCreated(false)}>
          <Text className="need-created__icon">✓</Text>
          <View className="need-created__body">
            <Text className="need-created__title">点单已提交</Text>
            <Text className="need-created__text">社区受理后会通知您，进度可随时在这里查看</Text>
          </View>
        </View>
      )}

      <View className={`need-hero need-hero--${NEED_TONES[need.status]}`}>
        <View className="need-hero__top">
          <Text className="need-hero__status">{NEED_STATUS_LABELS[need.status]}</Text>
          {late && <Text className="need-hero__overdue">{late}</Text>}
        </View>
        <Text className="need-hero__next">{nextLine(need)}</Text>
        <Progress need={need} />
      </View>

      <HelpCard
        need={need}
        onChange={(n) => {
          setOverride(n);
          if (!n) void remote.reload();
        }}
      />

      {allowed.includes('rate') && <RateCard need={need} onDone={setOverride} />}

      {allowed.includes('reopen') && need.rating && need.rating.stars <= REOPEN_MAX_STARS && (
        <View className="need-card-box need-reopen">
          <Text className="need-reopen__text">对这次服务不满意？可以申请社区回访，重新安排办理（限一次）。</Text>
          <Button
            className="need-reopen__button"
            type="primary"
            shape="round"
            size="large"
            block
            loading={busy === 'reopen'}
            onClick={() => void act('reopen')}
          >
            申请回访重办
          </Button>
        </View>
      )}

      <View className="need-card-box">
        <View className="need-title-row">
          {category && (
            <Text
              className="need-title-row__category"
              style={{ color: category.color, backgroundColor: `${category.color}1A` }}
            >
              {`${category.icon} ${category.name}`}
            </Text>
          )}
          <StatusPill text={NEED_STATUS_LABELS[need.status]} tone={NEED_TONES[need.status]} />
        </View>
        <Text className="need-title">{need.title}</Text>
        <Text className="need-description">{need.description}</Text>
        {need.photos.length > 0 && (
          <View className="need-photos">
            {need.photos.map((p) => (
              <ApiPhoto key={p.id} url={p.url} className="need-photos__photo" />
            ))}
          </View>
        )}
        <View className="need-info">
          {answers.map(([code, value]) => (
            <InfoRow
              key={code}
              label={item.data?.fields.find((f) => f.code === code)?.label ?? code}
              value={answerText(item.data, code, value)}
            />
          ))}
          <InfoRow label="服务地址" value={need.place.label} />
          {need.preferredTime && <InfoRow label="希望时间" value={whenText(need.preferredTime)} />}
          <InfoRow label="联系电话" value={need.contactPhone} />
          {need.onBehalfOf && <InfoRow label="代谁点单" value={`${need.onBehalfOf.name} ${need.onBehalfOf.phone}`} />}
          <InfoRow label="提交时间" value={whenText(need.submittedAt)} />
          {need.handler && <InfoRow label="受理人" value={need.handler.name} />}
          {need.assignee && <InfoRow label="为您服务" value={need.assignee.name} />}
        </View>
      </View>

      {need.result && (
        <View className="need-card-box need-result">
          <Text className="section-title">服务结果</Text>
          <Text className="need-result__note">{need.result.note ?? '服务已完成'}</Text>
          {need.result.photos.length > 0 && (
            <View className="need-photos">
              {need.result.photos.map((p) => (
                <ApiPhoto key={p.id} url={p.url} className="need-photos__photo" />
              ))}
            </View>
          )}
        </View>
      )}

      <View className="need-card-box">
        <Text className="section-title">办理进度</Text>
        <Timeline events={need.timeline} />
      </View>

      {allowed.includes('withdraw') && (
        <View className="need-withdraw" onClick={() => void act('withdraw')}>
          <Text>{busy === 'withdraw' ? '正在撤回…' : '撤回点单'}</Text>
        </View>
      )}
    </View>
  );
}
