import { useMemo, useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { View, Text, Input } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  MAX_BOOKING_SLOTS,
  RESOURCE_KIND_LABELS,
  addDays,
  api,
  createBookingBody,
  formatSlotTime,
  isoWeekday,
  parseWith,
  rangesOn,
  type ResourceView,
  type SlotsResponse,
} from '@gongzhi/shared';
import { ApiClientError, call, messageOf } from '../../../services/api';
import { useRemote } from '../../../hooks/useRemote';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { ErrorState, LoadingCards } from '../../../components/PageState';
import {
  FieldMessage,
  errorsByField,
  requestKey,
  timeOf,
  todayDate,
  weekdayText,
} from '../../../components/ResidentKit';
import { KIND_ICONS, hoursText } from '../look';
import './index.scss';

const DAYS = 14;
type Slot = SlotsResponse['slots'][number];
interface Range {
  from: number;
  to: number;
}

function Calendar({
  resource,
  today,
  date,
  onPick,
}: {
  resource: ResourceView;
  today: string;
  date: string;
  onPick: (d: string) => void;
}) {
  const days = Array.from({ length: DAYS }, (_, i) => addDays(today, i));
  return (
    <View className="book-calendar">
      {days.map((d, i) => {
        const open = rangesOn(resource.hours, isoWeekday(d)).length > 0;
        const on = d === date;
        return (
          <View
            key={d}
            className={`book-day ${on ? 'book-day--on' : ''} ${open ? '' : 'book-day--closed'}`}
            data-date={d}
            onClick={() => (open ? onPick(d) : void Taro.showToast({ title: '这天不开放', icon: 'none' }))}
          >
            <Text className="book-day__week">{i === 0 ? '今天' : i === 1 ? '明天' : weekdayText(d)}</Text>
            <Text className="book-day__num">{Number(d.slice(8))}</Text>
            <Text className="book-day__month">{open ? `${Number(d.slice(5, 7))}月` : '休息'}</Text>
          </View>
        );
      })}
    </View>
  );
}

const STATUS_TEXT = { free: '可预约', taken: '已约', past: '已过' } as const;

function SlotGrid({ slots, range, onTap }: { slots: Slot[]; range: Range | null; onTap: (i: number) => void }) {
  return (
    <View className="book-slots">
      {slots.map((s, i) => {
        const picked = range !== null && i >= range.from && i <= range.to;
        return (
          <View
            key={s.start}
            className={`book-slot book-slot--${s.status} ${picked ? 'book-slot--picked' : ''}`}
            data-label={s.label}
            data-status={s.status}
            aria-disabled={s.status !== 'free'}
            onClick={() => onTap(i)}
          >
            <Text className="book-slot__start">{timeOf(s.start)}</Text>
            <Text className="book-slot__end">{`至 ${timeOf(s.end)}`}</Text>
            <Text className="book-slot__state">{picked ? '已选' : STATUS_TEXT[s.status]}</Text>
          </View>
        );
      })}
    </View>
  );
}

export default function BookPage() {
  const id = useRouter().params.id ?? '';
  const signedIn = useSignedIn();
  const today = useMemo(() => todayDate(), []);
  const resource = useRemote(() => call(api.resources.getResource, { params: { id } }), [id], signedIn);
  const [date, setDate] = useState<string | null>(null);
  const res = resource.data;
  // The first open day from today on, until the person picks one.
  const firstOpen = useMemo(() => {
    if (!res) return today;
    for (let i = 0; i < DAYS; i++) {
      const d = addDays(today, i);
      if (rangesOn(res.hours, isoWeekday(d)).length) return d;
    }
    return today;
  }, [res, today]);
  const day = date ?? firstOpen;
  const slots = useRemote(
    () => call(api.resources.getFreeSlots, { params: { id }, query: { date: day } }),
    [id, day],
    signedIn && !!res,
  );

  const [range, setRange] = useState<Range | null>(null);
  const [purpose, setPurpose] = useState('');
  const [attendees, setAttendees] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(requestKey);

  usePullDownRefresh(() => {
    void Promise.all([resource.reload(), slots.reload()]).finally(() => Taro.stopPullDownRefresh());
  });

  const list = slots.data?.date === day ? slots.data.slots : [];

  function pickDay(d: string) {
    setDate(d);
    setRange(null);
  }

  function tap(i: number) {
    const s = list[i];
    if (s.status !== 'free') {
      void Taro.showToast({
        title: s.status === 'taken' ? '这个时段已被别人预约' : '这个时段已经过去了',
        icon: 'none',
      });
      return;
    }
    setErrors((e) => ({ ...e, slots: '' }));
    if (!range || (range.from === i && range.to === i)) {
      setRange(range ? null : { from: i, to: i });
      return;
    }
    if (i >= range.from && i <= range.to) {
      setRange({ from: i, to: i });
      return;
    }
    const from = Math.min(range.from, i);
    const to = Math.max(range.to, i);
    const run = list.slice(from, to + 1);
    const joined = run.every((x, k) => x.status === 'free' && (k === 0 || run[k - 1].end === x.start));
    if (!joined) {
      setRange({ from: i, to: i });
      return;
    }
    if (run.length > MAX_BOOKING_SLOTS) {
      void Taro.showToast({ title: `一次最多预约 ${MAX_BOOKING_SLOTS} 个连续时段`, icon: 'none' });
      return;
    }
    setRange({ from, to });
  }

  async function submit() {
    if (busy || !res) return;
    const found: Record<string, string> = {};
    if (!range) found.slots = '请先选择时段';
    const body = {
      resourceId: res.id,
      start: range ? list[range.from].start : '',
      slots: range ? range.to - range.from + 1 : 1,
      purpose,
      attendees: attendees.trim() === '' ? Number.NaN : Number(attendees),
    };
    const checked = parseWith(createBookingBody, body, 'body');
    if (!checked.ok) Object.assign(found, errorsByField(checked.fields));
    if (attendees.trim() === '' || !Number.isInteger(Number(attendees))) found.attendees = '请填写参加人数';
    // A missing start is said once, as “请先选择时段”.
    delete found.start;
    if (Object.values(found).some(Boolean)) {
      setErrors(found);
      void Taro.showToast({ title: found.slots || '请检查标出的项目', icon: 'none' });
      return;
    }
    const time = formatSlotTime(list[range!.from].start, list[range!.to].end);
    const { confirm } = await Taro.showModal({
      title: '确认预约',
      content: `${res.name}，${time}。用途：${purpose.trim()}，${body.attendees} 人。`,
      confirmText: '确认预约',
      cancelText: '再看看',
      confirmColor: '#D42A1F',
    });
    if (!confirm) return;
    setBusy(true);
    try {
      await call(api.resources.createBooking, { body, header: { 'Idempotency-Key': key } });
      setKey(requestKey());
      void Taro.showToast({ title: '已提交预约', icon: 'success' });
      void Taro.redirectTo({ url: '/packages/resources/bookings/index?created=1' });
    } catch (e) {
      if (e instanceof ApiClientError && e.code === 'SLOT_TAKEN') {
        // Someone was quicker: say so, and show the day as it is now.
        setRange(null);
        void slots.reload();
        void Taro.showModal({
          title: '时段已被预约',
          content: `${e.message}。已为您刷新时段，请重新选择。`,
          showCancel: false,
          confirmText: '重新选择',
          confirmColor: '#D42A1F',
        });
      } else {
        setErrors({ form: messageOf(e), ...(e instanceof ApiClientError ? errorsByField(e.fields) : {}) });
        void Taro.showToast({ title: messageOf(e), icon: 'none' });
      }
    } finally {
      setBusy(false);
    }
  }

  if (resource.loading && !res) {
    return (
      <View className="page book-page">
        <LoadingCards count={3} />
      </View>
    );
  }
  if (!res) {
    return (
      <View className="page book-page">
        <ErrorState
          message={resource.error ?? '加载没有成功'}
          onRetry={resource.errorCode === 'VALIDATION_FAILED' ? undefined : () => void resource.reload()}
          fallback={{
            text: '返回场地列表',
            onClick: () => void Taro.redirectTo({ url: '/packages/resources/list/index' }),
          }}
        />
      </View>
    );
  }

  const picked = range
    ? { start: list[range.from].start, end: list[range.to].end, count: range.to - range.from + 1 }
    : null;
  const freeCount = list.filter((s) => s.status === 'free').length;

  return (
    <View className="page book-page">
      <View className="book-hero">
        <View className="book-hero__icon">
          <Text>{KIND_ICONS[res.kind] ?? '📦'}</Text>
        </View>
        <View className="book-hero__body">
          <Text className="book-hero__name">{res.name}</Text>
          <Text className="book-hero__meta">
            {[RESOURCE_KIND_LABELS[res.kind], res.capacity, res.unit ? res.unit.name : `${res.community.name}自有`]
              .filter(Boolean)
              .join(' · ')}
          </Text>
          <Text className="book-hero__meta">{`开放 ${hoursText(res.hours)}`}</Text>
        </View>
      </View>
      {res.description && <Text className="book-desc">{res.description}</Text>}

      <View className="book-card">
        <Text className="section-title">选择日期</Text>
        <Calendar resource={res} today={today} date={day} onPick={pickDay} />
      </View>

      <View className={`book-card ${errors.slots ? 'book-card--error' : ''}`}>
        <View className="book-card__head">
          <Text className="section-title">{`${Number(day.slice(5, 7))}月${Number(day.slice(8))}日 ${weekdayText(day)}`}</Text>
          {slots.data && <Text className="book-card__count">{`${freeCount} 个时段可约`}</Text>}
        </View>
        <View className="book-legend">
          <Text className="book-legend__item book-legend__item--free">可预约</Text>
          <Text className="book-legend__item book-legend__item--picked">已选</Text>
          <Text className="book-legend__item book-legend__item--taken">已约</Text>
        </View>
        {slots.loading && !list.length && <LoadingCards count={1} />}
        {slots.error && !slots.loading && <ErrorState message={slots.error} onRetry={() => void slots.reload()} />}
        {!slots.loading && !slots.error && list.length === 0 && (
          <Text className="book-empty">这天不开放预约，请换一天</Text>
        )}
        {list.length > 0 && <SlotGrid slots={list} range={range} onTap={tap} />}
        <Text className="book-tip">{`可连续选择多个时段，一次最多 ${MAX_BOOKING_SLOTS} 个`}</Text>
        <FieldMessage text={errors.slots} />
      </View>

      <View className="book-card">
        <Text className="section-title">预约信息</Text>
        <View className={`book-field ${errors.purpose ? 'book-field--error' : ''}`}>
          <Text className="book-field__label">
            <Text className="book-field__star">*</Text>用途
          </Text>
          <Input
            className="book-input book-purpose"
            value={purpose}
            maxlength={200}
            placeholder="例如：广场舞队排练"
            placeholderClass="book-placeholder"
            onInput={(e) => {
              setPurpose(e.detail.value);
              setErrors((x) => ({ ...x, purpose: '' }));
            }}
          />
          <FieldMessage text={errors.purpose} />
        </View>
        <View className={`book-field ${errors.attendees ? 'book-field--error' : ''}`}>
          <Text className="book-field__label">
            <Text className="book-field__star">*</Text>参加人数
          </Text>
          <Input
            className="book-input book-attendees"
            type="number"
            value={attendees}
            maxlength={4}
            placeholder="大约多少人"
            placeholderClass="book-placeholder"
            onInput={(e) => {
              setAttendees(e.detail.value);
              setErrors((x) => ({ ...x, attendees: '' }));
            }}
          />
          <FieldMessage text={errors.attendees} />
        </View>
        <FieldMessage text={errors.form} />
      </View>

      <View className="book-bar">
        <View className="book-bar__summary">
          {picked ? (
            <>
              <Text className="book-bar__time">{formatSlotTime(picked.start, picked.end)}</Text>
              <Text className="book-bar__sub">{`共 ${picked.count} 个时段，提交后等待审核`}</Text>
            </>
          ) : (
            <Text className="book-bar__hint">请选择时段</Text>
          )}
        </View>
        <Button
          className="book-bar__button"
          type="primary"
          shape="round"
          loading={busy}
          disabled={busy}
          onClick={() => void submit()}
        >
          确认预约
        </Button>
      </View>
    </View>
  );
}
