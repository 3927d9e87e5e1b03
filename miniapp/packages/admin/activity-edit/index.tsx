import { useEffect, useRef, useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  ACTIVITY_FORMATS,
  ACTIVITY_FORMAT_LABELS,
  ACTIVITY_STATUS_LABELS,
  MENU_CATEGORIES,
  SERVICE_BRANDS,
  VOLUNTEER_TEAMS,
  api,
  cancelActivityBody,
  createActivityBody,
  createShiftBody,
  parseWith,
  updateActivityBody,
  type ActivityDetail,
  type ActivityFormat,
  type BrandCode,
  type MenuCategoryCode,
  type ShiftDetail,
  type ShiftRosterEntry,
  type TeamCode,
} from '@gongzhi/shared';
import { call, messageOf } from '../../../services/api';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { useRemote } from '../../../hooks/useRemote';
import { useAdminAccess } from '../../../hooks/useAdminAccess';
import { EmptyState, ErrorState, LoadingCards } from '../../../components/PageState';
import { AdminForbidden } from '../../../components/AdminForbidden';
import { clock, dateTime, dayLabel, minutesText, timeRange } from '../lib/format';
import { firstMessage, toMessages, type FieldMessages } from '../lib/forms';
import { binder, confirmDanger, useSubmit } from '../lib/useSubmit';
import { PlacePicker } from '../components/PlacePicker';
import { ShiftFields, newShiftDraft, shiftBodyOf, type ShiftDraft } from '../components/ShiftFields';
import { ActionBar, Banner, Card, Field, PlainButton, Sheet, Tag, TextInput } from '../components/ui';
import { AreaField, ChipsField, EditSection, TextField } from '../components/form';
import '../components/ui.scss';
import './index.scss';

interface Draft {
  title: string;
  brand: BrandCode;
  categoryCode: MenuCategoryCode;
  team: TeamCode | null;
  placeId: string;
  communityId: string | null;
  address: string;
  description: string;
  format: ActivityFormat;
}

const EMPTY: Draft = {
  title: '',
  brand: 'legalAid',
  categoryCode: 'legalAid',
  team: null,
  placeId: '',
  communityId: null,
  address: '',
  description: '',
  format: 'service',
};

function fromActivity(a: ActivityDetail): Draft {
  return {
    title: a.title,
    brand: a.brand,
    categoryCode: a.categoryCode,
    team: a.team,
    placeId: a.placeId,
    communityId: a.community.id,
    address: a.address,
    description: a.description,
    format: a.format,
  };
}

function ActivityForm({
  draft,
  set,
  errors,
  hasCommunity,
}: {
  draft: Draft;
  set: (patch: Partial<Draft>) => void;
  errors: FieldMessages;
  hasCommunity: boolean;
}) {
  const e = errors;
  const bind = binder(draft, set, e);
  return (
    <>
      <TextField
        label="活动名称"
        required
        {...bind('title')}
        placeholder="例如：法律援助进社区·周六咨询日"
        maxlength={60}
      />
      <ChipsField
        label="服务品牌"
        required
        error={e.brand}
        options={SERVICE_BRANDS.map((b) => ({ value: b.code, label: b.name }))}
        value={draft.brand}
        onChange={(brand) =>
          set({
            brand,
            categoryCode: SERVICE_BRANDS.find((b) => b.code === brand)?.categoryCode ?? draft.categoryCode,
          })
        }
      />
      <ChipsField
        label="服务类别"
        required
        error={e.categoryCode}
        hint="派单时，同类别的需求会推荐到这个活动"
        options={MENU_CATEGORIES.map((c) => ({ value: c.code, label: c.name }))}
        value={draft.categoryCode}
        onChange={(categoryCode) => set({ categoryCode })}
      />
      <ChipsField
        label="志愿队（选填）"
        error={e.team}
        options={[
          { value: 'none', label: '不指定' },
          ...VOLUNTEER_TEAMS.map((t) => ({ value: t.code, label: t.name })),
        ]}
        value={draft.team ?? 'none'}
        onChange={(v) => set({ team: v === 'none' ? null : (v as TeamCode) })}
      />
      <Field label="活动地点" required error={e.placeId}>
        <PlacePicker
          value={draft.placeId}
          onChange={(placeId) => set({ placeId })}
          hasCommunity={hasCommunity}
          communityId={draft.communityId}
          onCommunity={(communityId) => set({ communityId, placeId: '' })}
        />
      </Field>
      <TextField
        label="详细地址"
        required
        {...bind('address')}
        placeholder="例如：南门社区党群服务中心一楼"
        maxlength={100}
      />
      <ChipsField
        label="活动形式"
        required
        error={e.format}
        hint="座谈会议与实践服务分开统计"
        options={ACTIVITY_FORMATS.map((f) => ({ value: f, label: ACTIVITY_FORMAT_LABELS[f] }))}
        value={draft.format}
        onChange={(format) => set({ format })}
      />
      <AreaField
        label="活动介绍"
        {...bind('description')}
        placeholder="做什么、需要志愿者带什么、注意事项"
        maxlength={2000}
      />
    </>
  );
}

/** The organiser's check-in code: big digits to read out, and the QR content for a printed code. */
function CodeSheet({ shift, onClose }: { shift: ShiftDetail; onClose: () => void }) {
  const code = useRemote(() => call(api.activities.getShiftCode, { params: { id: shift.id } }), [shift.id]);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => {
    if (!code.data) return;
    // A new code every 5 minutes: fetch it when this one is due to change.
    const wait = Math.max(5_000, new Date(code.data.refreshAt).getTime() - Date.now() + 1_000);
    timer.current = setTimeout(() => void code.reload(), wait);
    return () => clearTimeout(timer.current);
  }, [code.data]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <Sheet open title="签到码" className="code-sheet" onClose={onClose}>
      <Text className="code-sheet__shift">{timeRange(shift.start, shift.end)}</Text>
      {code.loading && !code.data && <LoadingCards count={1} />}
      {code.error && !code.loading && <ErrorState message={code.error} onRetry={() => void code.reload()} />}
      {code.data && (
        <View className="code-sheet__box">
          <Text className="checkin-code-digits">{code.data.code}</Text>
          <Text className="code-sheet__valid">{`${clock(code.data.refreshAt)} 更换新码，${clock(code.data.expiresAt)} 前有效`}</Text>
          <Text className="code-sheet__label">二维码内容（打印或生成二维码贴在现场）</Text>
          <Text className="checkin-code-content" userSelect>
            {code.data.content}
          </Text>
          <Text className="code-sheet__hint">志愿者在“签到”页扫码，或输入上面 6 位数字签到、签退。</Text>
        </View>
      )}
    </Sheet>
  );
}

function RosterRow({ entry, shiftId, onDone }: { entry: ShiftRosterEntry; shiftId: string; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [minutes, setMinutes] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    const body = minutes.trim() ? { personId: entry.personId, minutes: Number(minutes) } : { personId: entry.personId };
    const parsed = parseWith(api.activities.confirmHours.body!, body, 'body');
    if (!parsed.ok) {
      setError(firstMessage(toMessages(parsed.fields)));
      return;
    }
    const text = minutes.trim() ? minutesText(Number(minutes)) : '按签到签退时间计算';
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

  const status =
    entry.status === 'waitlisted'
      ? `候补第 ${entry.waitlistPosition ?? ''} 位`
      : entry.checkOutAt
        ? `已签退 ${clock(entry.checkOutAt)}`
        : entry.checkInAt
          ? `已签到 ${clock(entry.checkInAt)}`
          : '未签到';
  return (
    <View className="roster-row">
      <View className="roster-row__top">
        <View className="roster-row__who">
          <Text className="roster-row__name">{entry.name}</Text>
          {entry.phone && <Text className="roster-row__phone">{entry.phone}</Text>}
        </View>
        <Tag tone={entry.checkInAt ? 'green' : entry.status === 'waitlisted' ? 'orange' : 'grey'}>{status}</Tag>
      </View>
      {entry.confirmedMinutes !== null ? (
        <Text className="roster-row__hours">{`已确认服务时长 ${minutesText(entry.confirmedMinutes)}`}</Text>
      ) : entry.status === 'seated' ? (
        !open ? (
          <Text className="roster-row__confirm" onClick={() => setOpen(true)}>
            确认服务时长 ›
          </Text>
        ) : (
          <View className="roster-row__form">
            <TextInput
              value={minutes}
              onInput={setMinutes}
              type="number"
              placeholder="分钟数，不填按签到签退计算"
              maxlength={4}
            />
            {error && <Text className="form-field__error">{error}</Text>}
            <View className="roster-row__buttons">
              <PlainButton onClick={() => setOpen(false)}>取消</PlainButton>
              <PlainButton tone="brand" disabled={busy} onClick={() => void submit()}>
                确认时长
              </PlainButton>
            </View>
          </View>
        )
      ) : null}
    </View>
  );
}

function RosterSheet({ shift, onClose }: { shift: ShiftDetail; onClose: () => void }) {
  const roster = useRemote(
    () => call(api.activities.listShiftRoster, { params: { id: shift.id }, query: { pageSize: 100 } }),
    [shift.id],
  );
  return (
    <Sheet open title="班次名单" className="roster-sheet" onClose={onClose}>
      <Text className="code-sheet__shift">{`${timeRange(shift.start, shift.end)} · 已认领 ${shift.taken}/${shift.seats}`}</Text>
      {roster.loading && !roster.data && <LoadingCards count={2} />}
      {roster.error && !roster.loading && <ErrorState message={roster.error} onRetry={() => void roster.reload()} />}
      {roster.data && roster.data.items.length === 0 && (
        <EmptyState text="还没有人认领" hint="志愿者在“活动”里认领名额后会出现在这里" />
      )}
      {roster.data?.items.map((r) => (
        <RosterRow key={r.personId} entry={r} shiftId={shift.id} onDone={() => void roster.reload()} />
      ))}
    </Sheet>
  );
}

function ShiftSheet({
  activityId,
  onClose,
  onAdded,
}: {
  activityId: string;
  onClose: () => void;
  onAdded: () => void;
}) {
  const [d, setD] = useState<ShiftDraft>(newShiftDraft);
  const { errors, banner, saving: busy, validate, send } = useSubmit();

  async function submit() {
    const parsed = validate(createShiftBody, shiftBodyOf(d), { quiet: true });
    if (!parsed) return;
    const added = await send(() => call(api.activities.addShift, { params: { id: activityId }, body: parsed }));
    if (added) {
      void Taro.showToast({ title: '已添加班次', icon: 'success' });
      onAdded();
    }
  }

  return (
    <Sheet
      open
      title="添加班次"
      className="shift-sheet"
      onClose={onClose}
      footer={
        <Button
          className="shift-sheet__submit"
          type="primary"
          shape="round"
          size="large"
          loading={busy}
          onClick={() => void submit()}
        >
          添加班次
        </Button>
      }
    >
      <Banner message={banner} />
      <ShiftFields value={d} onChange={(patch) => setD({ ...d, ...patch })} errors={errors} />
    </Sheet>
  );
}

function ShiftRow({
  shift,
  canManage,
  onCode,
  onRoster,
}: {
  shift: ShiftDetail;
  canManage: boolean;
  onCode: () => void;
  onRoster: () => void;
}) {
  const past = new Date(shift.end).getTime() < Date.now();
  return (
    <View className="shift-admin-row">
      <View className="shift-admin-row__top">
        <View className="shift-admin-row__when">
          <Text className="shift-admin-row__day">{dayLabel(shift.start)}</Text>
          <Text className="shift-admin-row__time">{`${clock(shift.start)}–${clock(shift.end)}`}</Text>
        </View>
        <View className="shift-admin-row__seats">
          <Text className="shift-admin-row__taken">{`${shift.taken}/${shift.seats}`}</Text>
          <Text className="shift-admin-row__seats-label">
            {shift.waiting ? `已认领 · 候补 ${shift.waiting}` : '已认领'}
          </Text>
        </View>
      </View>
      <Text className="shift-admin-row__deadline">{past ? '已结束' : `认领截止 ${dateTime(shift.claimDeadline)}`}</Text>
      {canManage && (
        <View className="shift-admin-row__actions">
          <PlainButton className="shift-admin-row__code" tone="brand" onClick={onCode}>
            签到码
          </PlainButton>
          <PlainButton className="shift-admin-row__roster" onClick={onRoster}>
            名单与时长
          </PlainButton>
        </View>
      )}
    </View>
  );
}

export default function ActivityEditPage() {
  const id = useRouter().params.id ?? '';
  const editing = id !== '';
  const signedIn = useSignedIn();
  const access = useAdminAccess();
  const allowed = access.staff && access.can(api.activities.createActivity);
  const hasCommunity = !!access.user?.community;
  const activity = useRemote(
    () => call(api.activities.getActivity, { params: { id } }),
    [id],
    signedIn && allowed && editing,
  );
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const { errors, banner, setBanner, saving, validate, send } = useSubmit();
  const [editOpen, setEditOpen] = useState(false);
  const [sheet, setSheet] = useState<
    { kind: 'code' | 'roster'; shift: ShiftDetail } | { kind: 'shift' } | { kind: 'cancel' } | null
  >(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();

  useEffect(() => {
    if (activity.data) setDraft(fromActivity(activity.data));
  }, [activity.data]);
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: editing ? '活动管理' : '发布活动' });
  }, [editing]);
  usePullDownRefresh(
    () => void (editing ? activity.reload() : Promise.resolve()).finally(() => Taro.stopPullDownRefresh()),
  );

  if (!signedIn) return <View className="page" />;
  if (!allowed) {
    return (
      <View className="page admin-page">
        <AdminForbidden detail={access.staff ? '志愿活动由社区工作者、驻区单位管理员和县级管理员发布。' : undefined} />
      </View>
    );
  }

  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const a = activity.data;

  async function create(status: 'draft' | 'published') {
    const { communityId: _c, ...fields } = draft;
    const body = { ...fields, status };
    // An empty place fails the id format; say what to do instead.
    const parsed = validate(createActivityBody, body, {
      adjust: (m) => {
        if (!draft.placeId) m.placeId = '请选择地点';
      },
    });
    if (!parsed) return;
    await send(async () => {
      const made = await call(api.activities.createActivity, { body: parsed });
      void Taro.showToast({ title: status === 'draft' ? '已存为草稿' : '已发布', icon: 'success' });
      // Next: add its shifts.
      void Taro.redirectTo({ url: `/packages/admin/activity-edit/index?id=${made.id}` });
    });
  }

  async function update(patch: Record<string, unknown>, done: string) {
    const parsed = validate(updateActivityBody, patch);
    if (!parsed) return false;
    return send(async () => {
      await call(api.activities.updateActivity, { params: { id }, body: parsed });
      void Taro.showToast({ title: done, icon: 'success' });
      await activity.reload();
    });
  }

  function changes(): Record<string, unknown> {
    if (!a) return {};
    const before = fromActivity(a);
    const out: Record<string, unknown> = {};
    for (const key of [
      'title',
      'brand',
      'categoryCode',
      'team',
      'placeId',
      'address',
      'description',
      'format',
    ] as const) {
      if (draft[key] !== before[key]) out[key] = draft[key];
    }
    return out;
  }

  async function cancelActivity() {
    const body = { reason };
    const parsed = parseWith(cancelActivityBody, body, 'body');
    if (!parsed.ok) {
      setReasonError(toMessages(parsed.fields).reason);
      return;
    }
    setReasonError(undefined);
    if (
      !(await confirmDanger(
        '取消活动',
        '取消后已认领的志愿者会收到通知，名额全部释放，活动不能恢复。确定取消吗？',
        '取消活动',
      ))
    )
      return;
    try {
      await call(api.activities.cancelActivity, { params: { id }, body: parsed.data });
      void Taro.showToast({ title: '活动已取消', icon: 'success' });
      setSheet(null);
      void activity.reload();
    } catch (e) {
      setReasonError(messageOf(e));
    }
  }

  // ——— New activity ———
  if (!editing) {
    return (
      <View className="page admin-page activity-edit">
        <Banner message={banner} />
        <Card title="活动信息">
          <ActivityForm draft={draft} set={set} errors={errors} hasCommunity={hasCommunity} />
        </Card>
        <Text className="activity-edit__next">保存后接着添加班次（时间和名额）。</Text>
        <ActionBar>
          <PlainButton className="activity-edit__draft" disabled={saving} onClick={() => void create('draft')}>
            存为草稿
          </PlainButton>
          <Button
            className="activity-edit__publish"
            type="primary"
            shape="round"
            size="large"
            loading={saving}
            onClick={() => void create('published')}
          >
            发布活动
          </Button>
        </ActionBar>
      </View>
    );
  }

  // ——— Existing activity ———
  if (activity.loading && !a)
    return (
      <View className="page admin-page">
        <LoadingCards count={3} />
      </View>
    );
  if (activity.error || !a) {
    return (
      <View className="page admin-page">
        <ErrorState message={activity.error ?? '没有找到这个活动'} onRetry={() => void activity.reload()} />
      </View>
    );
  }
  const live = a.status !== 'cancelled';
  const manage = a.canManage;

  return (
    <View className="page admin-page activity-edit">
      <View className="activity-edit__hero">
        <View className="activity-edit__hero-top">
          <Tag tone="brand">{a.brandName}</Tag>
          <Tag tone={a.status === 'published' ? 'green' : a.status === 'draft' ? 'orange' : 'grey'}>
            {ACTIVITY_STATUS_LABELS[a.status]}
          </Tag>
        </View>
        <Text className="activity-edit__title">{a.title}</Text>
        <Text className="activity-edit__line">{`📍 ${a.community.name} · ${a.address}`}</Text>
        <Text className="activity-edit__line">{`🏢 ${a.organiser.name}${a.teamName ? ` · ${a.teamName}` : ''} · ${ACTIVITY_FORMAT_LABELS[a.format]}`}</Text>
        {a.cancelReason && <Text className="activity-edit__cancelled">{`取消原因：${a.cancelReason}`}</Text>}
        {!manage && <Text className="activity-edit__readonly">这个活动由其他单位组织，您只能查看。</Text>}
      </View>
      <Banner message={banner} />

      <Card
        title="班次"
        extra={
          manage && live ? (
            <Text className="activity-edit__add-shift" onClick={() => setSheet({ kind: 'shift' })}>
              ＋ 添加班次
            </Text>
          ) : undefined
        }
      >
        {a.shifts.length === 0 && (
          <Text className="activity-edit__empty">还没有班次。添加班次后，志愿者才能认领名额。</Text>
        )}
        {a.shifts.map((s) => (
          <ShiftRow
            key={s.id}
            shift={s}
            canManage={manage}
            onCode={() => setSheet({ kind: 'code', shift: s })}
            onRoster={() => setSheet({ kind: 'roster', shift: s })}
          />
        ))}
      </Card>

      {manage && live && (
        <EditSection
          title="活动信息"
          canEdit
          open={editOpen}
          onToggle={() => setEditOpen(!editOpen)}
          toggleClassName="activity-edit__toggle"
          saveClassName="activity-edit__save"
          saving={saving}
          onSave={() => {
            const patch = changes();
            if (Object.keys(patch).length === 0) {
              setBanner('没有改动');
              return;
            }
            void update(patch, '已保存').then((ok) => ok && setEditOpen(false));
          }}
          view={<Text className="activity-edit__desc">{a.description || '（没有介绍）'}</Text>}
        >
          <ActivityForm draft={draft} set={set} errors={errors} hasCommunity={hasCommunity} />
        </EditSection>
      )}

      {manage && live && (
        <ActionBar>
          <PlainButton className="activity-edit__cancel" tone="danger" onClick={() => setSheet({ kind: 'cancel' })}>
            取消活动
          </PlainButton>
          {a.status === 'draft' && (
            <Button
              className="activity-edit__publish"
              type="primary"
              shape="round"
              size="large"
              loading={saving}
              onClick={() => void update({ status: 'published' }, '已发布')}
            >
              发布活动
            </Button>
          )}
        </ActionBar>
      )}

      {sheet?.kind === 'code' && <CodeSheet shift={sheet.shift} onClose={() => setSheet(null)} />}
      {sheet?.kind === 'roster' && <RosterSheet shift={sheet.shift} onClose={() => setSheet(null)} />}
      {sheet?.kind === 'shift' && (
        <ShiftSheet
          activityId={id}
          onClose={() => setSheet(null)}
          onAdded={() => {
            setSheet(null);
            void activity.reload();
          }}
        />
      )}
      <Sheet
        open={sheet?.kind === 'cancel'}
        title="取消活动"
        onClose={() => setSheet(null)}
        footer={
          <Button type="primary" shape="round" size="large" onClick={() => void cancelActivity()}>
            确认取消活动
          </Button>
        }
      >
        <AreaField
          label="取消原因"
          required
          error={reasonError}
          hint="已认领的志愿者会收到这段话"
          value={reason}
          onInput={setReason}
          placeholder="例如：暴雨预警，活动延期"
          maxlength={200}
        />
      </Sheet>
    </View>
  );
}
