import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { api, parseWith, type ShiftDetail, type ShiftRosterEntry } from '@gongzhi/shared';
import { call, messageOf } from '../../../services/api';
import { useRemote } from '../../../hooks/useRemote';
import { EmptyState, ErrorState, LoadingCards } from '../../../components/PageState';
import { clock, minutesText, timeRange } from '../lib/format';
import { firstMessage, toMessages } from '../lib/forms';
import { confirmDanger } from '../lib/useSubmit';
import { PlainButton, Sheet, Tag, TextInput } from '../components/ui';

function statusOf(entry: ShiftRosterEntry): string {
  if (entry.status === 'waitlisted') return `候补第 ${entry.waitlistPosition ?? ''} 位`;
  if (entry.checkOutAt) return `已签退 ${clock(entry.checkOutAt)}`;
  if (entry.checkInAt) return `已签到 ${clock(entry.checkInAt)}`;
  return '未签到';
}

/** Confirming one person's hours: open only when the server says it can be done, with the reason when not. */
function ConfirmHours({ entry, shiftId, onDone }: { entry: ShiftRosterEntry; shiftId: string; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [minutes, setMinutes] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { confirm } = entry;

  async function submit() {
    const typed = minutes.trim();
    const body = typed ? { personId: entry.personId, minutes: Number(typed) } : { personId: entry.personId };
    const parsed = parseWith(api.activities.confirmHours.body!, body, 'body');
    if (!parsed.ok) {
      setError(firstMessage(toMessages(parsed.fields)));
      return;
    }
    const text = typed ? minutesText(Number(typed)) : minutesText(confirm.suggestedMinutes ?? 0);
    if (!(await confirmDanger('确认服务时长', `${entry.name}：${text}。确认后不能修改。`, '确认'))) return;
    setBusy(true);
    try {
      await call(api.activities.confirmHours, { params: { id: shiftId }, body });
      void Taro.showToast({ title: '已确认', icon: 'success' });
      setOpen(false);
      onDone();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  if (!confirm.allowed) {
    return (
      <View className="roster-row__blocked">
        <PlainButton className="roster-row__confirm-button" disabled onClick={() => undefined}>
          确认服务时长
        </PlainButton>
        {confirm.reason && <Text className="roster-row__why confirm-blocked-reason">{confirm.reason}</Text>}
      </View>
    );
  }
  if (!open) {
    return (
      <Text className="roster-row__confirm" onClick={() => setOpen(true)}>
        确认服务时长 ›
      </Text>
    );
  }
  return (
    <View className="roster-row__form">
      <Text className="roster-row__why">
        {confirm.needsMinutes
          ? (confirm.reason ?? '请填写服务时长')
          : `按签到签退计算为 ${minutesText(confirm.suggestedMinutes ?? 0)}；不对可填写分钟数`}
      </Text>
      <TextInput
        value={minutes}
        onInput={(v) => {
          setMinutes(v);
          setError(null);
        }}
        type="number"
        placeholder={confirm.needsMinutes ? '服务时长（分钟）' : '分钟数（选填）'}
        maxlength={4}
      />
      {error && <Text className="form-field__error">{error}</Text>}
      <View className="roster-row__buttons">
        <PlainButton onClick={() => setOpen(false)}>取消</PlainButton>
        <PlainButton
          tone="brand"
          disabled={busy || (confirm.needsMinutes && !minutes.trim())}
          onClick={() => void submit()}
        >
          确认时长
        </PlainButton>
      </View>
    </View>
  );
}

function RosterRow({ entry, shiftId, onDone }: { entry: ShiftRosterEntry; shiftId: string; onDone: () => void }) {
  return (
    <View className="roster-row">
      <View className="roster-row__top">
        <View className="roster-row__who">
          <Text className="roster-row__name">{entry.name}</Text>
          {entry.phone && <Text className="roster-row__phone">{entry.phone}</Text>}
        </View>
        <Tag tone={entry.checkInAt ? 'green' : entry.status === 'waitlisted' ? 'orange' : 'grey'}>
          {statusOf(entry)}
        </Tag>
      </View>
      {entry.shortStay && (
        <View className="roster-row__flag short-stay-flag">
          <Text className="roster-row__flag-title">在岗时间过短</Text>
          <Text className="roster-row__flag-text">{entry.shortStay.reason}</Text>
        </View>
      )}
      {entry.confirmedMinutes !== null ? (
        <Text className="roster-row__hours">{`已确认服务时长 ${minutesText(entry.confirmedMinutes)}`}</Text>
      ) : entry.status === 'seated' ? (
        <ConfirmHours entry={entry} shiftId={shiftId} onDone={onDone} />
      ) : null}
    </View>
  );
}

/** 名单与时长: who holds a seat, their check-in and check-out, short stays, and confirming hours. */
export function RosterSheet({ shift, onClose }: { shift: ShiftDetail; onClose: () => void }) {
  const roster = useRemote(
    () => call(api.activities.listShiftRoster, { params: { id: shift.id }, query: { pageSize: 100 } }),
    [shift.id],
  );
  const data = roster.data;
  return (
    <Sheet open title="班次名单" className="roster-sheet" onClose={onClose}>
      <Text className="roster-sheet__shift">{`${timeRange(shift.start, shift.end)} · 已认领 ${shift.taken}/${shift.seats}`}</Text>
      {data && !data.hoursConfirm.open && data.items.length > 0 && (
        <Text className="roster-sheet__notice hours-confirm-notice">{data.hoursConfirm.reason}</Text>
      )}
      {roster.loading && !data && <LoadingCards count={2} />}
      {roster.error && !roster.loading && <ErrorState message={roster.error} onRetry={() => void roster.reload()} />}
      {data && data.items.length === 0 && (
        <EmptyState text="还没有人认领" hint="志愿者在“活动”里认领名额后会出现在这里" />
      )}
      {data?.items.map((r) => (
        <RosterRow key={r.personId} entry={r} shiftId={shift.id} onDone={() => void roster.reload()} />
      ))}
    </Sheet>
  );
}
