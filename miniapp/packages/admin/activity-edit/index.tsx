import { useEffect, useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  ACTIVITY_FORMAT_LABELS,
  ACTIVITY_STATUS_LABELS,
  api,
  cancelActivityBody,
  createActivityBody,
  parseWith,
  updateActivityBody,
  type ShiftDetail,
} from '@gongzhi/shared';
import { call, messageOf } from '../../../services/api';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { useRemote } from '../../../hooks/useRemote';
import { useAdminAccess } from '../../../hooks/useAdminAccess';
import { ErrorState, LoadingCards } from '../../../components/PageState';
import { AdminForbidden } from '../../../components/AdminForbidden';
import { toMessages } from '../lib/forms';
import { confirmDanger, useSubmit } from '../lib/useSubmit';
import { ActionBar, Banner, Card, PlainButton, Sheet, Tag } from '../components/ui';
import { AreaField, EditSection } from '../components/form';
import { ActivityForm, EMPTY, fromActivity, type Draft } from './ActivityForm';
import { RosterSheet } from './RosterSheet';
import { ShiftRow, ShiftSheet } from './Shifts';
import '../components/ui.scss';
import './index.scss';

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
  const { errors, banner, setBanner, saving, validate, send, edited } = useSubmit();
  const [editOpen, setEditOpen] = useState(false);
  const [sheet, setSheet] = useState<
    { kind: 'roster'; shift: ShiftDetail } | { kind: 'shift' } | { kind: 'cancel' } | null
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

  // A changed field loses its message (and the banner with the last one).
  const set = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    edited(...Object.keys(patch));
  };
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

  function saveEdits() {
    const patch = changes();
    if (Object.keys(patch).length === 0) {
      setBanner('没有改动');
      return;
    }
    void update(patch, '已保存').then((ok) => ok && setEditOpen(false));
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
            onCode={() => void Taro.navigateTo({ url: `/packages/activities/shift-code/index?shiftId=${s.id}` })}
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
          onSave={saveEdits}
          view={<Text className="activity-edit__desc">{a.description || '（没有介绍）'}</Text>}
        >
          <ActivityForm draft={draft} set={set} errors={errors} hasCommunity={hasCommunity} />
        </EditSection>
      )}

      {manage && live && (
        // 取消活动 cannot be undone: a plain secondary button that asks (its sheet, then a confirmation);
        // the primary one saves (or publishes a draft, or opens the form).
        <ActionBar>
          <PlainButton className="activity-edit__cancel" onClick={() => setSheet({ kind: 'cancel' })}>
            取消活动
          </PlainButton>
          {editOpen ? (
            <Button
              className="activity-edit__save-bar"
              type="primary"
              shape="round"
              size="large"
              loading={saving}
              onClick={saveEdits}
            >
              保存
            </Button>
          ) : a.status === 'draft' ? (
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
          ) : (
            <Button
              className="activity-edit__edit"
              type="primary"
              shape="round"
              size="large"
              onClick={() => setEditOpen(true)}
            >
              修改活动信息
            </Button>
          )}
        </ActionBar>
      )}

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
          <PlainButton className="activity-edit__cancel-confirm" tone="danger" onClick={() => void cancelActivity()}>
            确认取消活动
          </PlainButton>
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
