import { useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  NEED_ACTION_LABELS,
  ROUTE_KIND_LABELS,
  api,
  type NeedAction,
  type NeedDetail,
  type RouteMatch,
} from '@gongzhi/shared';
import { call, messageOf } from '../../../services/api';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { useRemote } from '../../../hooks/useRemote';
import { useAdminAccess } from '../../../hooks/useAdminAccess';
import { EmptyState, ErrorState, LoadingCards } from '../../../components/PageState';
import { AdminForbidden } from '../../../components/AdminForbidden';
import { ApiPhoto } from '../../../components/ResidentKit';
import { ActionBar, Banner, Card, Field, InfoRow, PlainButton, Sheet, Tag, TextArea } from '../components/ui';
import { CompleteNeedSheet } from '../components/NeedResultSheets';
import { RejectSheet } from './RejectSheet';
import { ContactCard, MatchCard, NeedHero, Timeline, answerText, routeTitle } from './parts';
import '../components/ui.scss';
import './index.scss';

/** Actions of a handler, in the order the buttons show (the owner's withdraw / rate are not here). */
const HANDLER_ACTIONS: NeedAction[] = ['accept', 'dispatch', 'start', 'complete', 'reopen', 'reject'];

export default function AdminNeedPage() {
  const id = useRouter().params.id ?? '';
  const signedIn = useSignedIn();
  const access = useAdminAccess();
  const allowed = access.staff && access.can(api.needs.listNeeds);
  const enabled = signedIn && allowed;

  const detail = useRemote(() => call(api.needs.getNeed, { params: { id } }), [id], enabled);
  const need = detail.data;
  const item = useRemote(
    () => call(api.menu.getMenuItem, { params: { id: need!.menuItem!.id } }),
    [need?.menuItem?.id],
    enabled && !!need?.menuItem,
  );
  const route = useRemote(() => routeTitle(need!.route!), [need?.route?.targetId], enabled && !!need?.route);

  const [busy, setBusy] = useState(false);
  const [sheet, setSheet] = useState<'reject' | 'dispatch' | 'complete' | null>(null);
  const [sheetError, setSheetError] = useState<string | null>(null);
  const [picked, setPicked] = useState<RouteMatch | null>(null);
  const [note, setNote] = useState('');
  const matches = useRemote(
    () => call(api.needs.suggestRoutes, { params: { id } }),
    [id],
    enabled && sheet === 'dispatch',
  );

  usePullDownRefresh(() => {
    void detail.reload().finally(() => Taro.stopPullDownRefresh());
  });

  if (!signedIn) return <View className="page" />;
  if (!allowed) {
    return (
      <View className="page admin-page">
        <AdminForbidden detail={access.staff ? '您的角色不处理居民需求。' : undefined} />
      </View>
    );
  }

  async function run(action: NeedAction, send: () => Promise<NeedDetail>, done: string): Promise<boolean> {
    if (busy) return false;
    setBusy(true);
    void Taro.showLoading({ title: '正在提交', mask: true });
    try {
      await send();
      Taro.hideLoading();
      void Taro.showToast({ title: done, icon: 'success' });
      await detail.reload();
      return true;
    } catch (e) {
      Taro.hideLoading();
      const message = messageOf(e);
      if (action === 'reject' || action === 'dispatch') setSheetError(message);
      else void Taro.showModal({ title: `${NEED_ACTION_LABELS[action]}没有成功`, content: message, showCancel: false });
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function confirm(title: string, content: string, confirmText: string): Promise<boolean> {
    const r = await Taro.showModal({ title, content, confirmText, cancelText: '再想想', confirmColor: '#D42A1F' });
    return r.confirm;
  }

  async function onAction(action: NeedAction) {
    const params = { id };
    switch (action) {
      case 'accept':
        await run(action, () => call(api.needs.acceptNeed, { params, body: {} }), '已受理');
        break;
      case 'start':
        await run(action, () => call(api.needs.startNeed, { params, body: {} }), '已开始办理');
        break;
      case 'complete':
        // The result note and photos: required when a person was dispatched (the resident reads it).
        setSheet('complete');
        break;
      case 'reopen':
        if (await confirm('回访重办', '重新受理这项需求？每项需求只能回访重办一次。', '重新受理'))
          await run(action, () => call(api.needs.reopenNeed, { params, body: {} }), '已重新受理');
        break;
      case 'reject':
        setSheetError(null);
        setSheet('reject');
        break;
      case 'dispatch':
        setSheetError(null);
        setPicked(null);
        setSheet('dispatch');
        break;
      default:
        break;
    }
  }

  /** The reason passed the shared schema (RejectSheet): confirm, then send. */
  async function submitReject(reason: string): Promise<boolean> {
    if (!(await confirm('确认驳回', `驳回后居民会收到通知，这项需求不能再办理。\n原因：${reason.trim()}`, '确认驳回')))
      return false;
    const done = await run('reject', () => call(api.needs.rejectNeed, { params: { id }, body: { reason } }), '已驳回');
    if (done) setSheet(null);
    return done;
  }

  async function submitDispatch() {
    if (!picked) {
      setSheetError('请先选择派单对象');
      return;
    }
    const body = { kind: picked.kind, targetId: picked.targetId, ...(note.trim() ? { note: note.trim() } : {}) };
    if (
      !(await confirm(
        '确认派单',
        `把这项需求派给「${picked.title}」（${ROUTE_KIND_LABELS[picked.kind]}）？`,
        '确认派单',
      ))
    )
      return;
    if (await run('dispatch', () => call(api.needs.dispatchNeed, { params: { id }, body }), '已派单')) {
      setSheet(null);
      setNote('');
    }
  }

  const actions = need ? HANDLER_ACTIONS.filter((a) => need.actions.includes(a)) : [];
  const fields = item.data?.fields ?? [];
  const notFound = detail.errorCode === 'NOT_FOUND' || detail.errorCode === 'VALIDATION_FAILED';

  return (
    <View className="page admin-page admin-need">
      {detail.loading && !need && <LoadingCards count={3} />}
      {detail.error && !detail.loading && notFound && (
        <View className="admin-need__missing">
          <EmptyState text="没有找到这条需求" hint="它可能不在您的辖区内，或者链接有误" />
        </View>
      )}
      {detail.error && !detail.loading && !notFound && (
        <ErrorState message={detail.error} onRetry={() => void detail.reload()} />
      )}

      {need && !detail.error && (
        <>
          <NeedHero need={need} />

          {need.declined && (
            <Card title="服务人员退回" className="need-declined">
              <Text className="need-declined__text">{`${need.declined.by}无法服务：${need.declined.reason}`}</Text>
              <Text className="need-declined__hint">请重新派单</Text>
            </Card>
          )}

          {need.route && (
            <Card title="派单去向" className="need-route">
              <View className="need-route__body">
                <Tag tone="blue">{ROUTE_KIND_LABELS[need.route.kind]}</Tag>
                <Text className="need-route__title">{route.data ?? (route.loading ? '…' : '（名称未能加载）')}</Text>
              </View>
              {need.assignee && (
                <Text className="need-route__assignee">
                  {`${need.assignee.name}本人${need.status === 'routed' ? '待接单' : need.status === 'in_progress' ? '已接单，服务中' : '已服务'}`}
                </Text>
              )}
            </Card>
          )}

          {need.result && (
            <Card title="服务结果" className="need-result">
              <Text className="need-text">{need.result.note ?? '（未填写）'}</Text>
              {need.result.photos.length > 0 && (
                <View className="need-photos">
                  {need.result.photos.map((p) => (
                    <ApiPhoto key={p.id} url={p.url} className="need-photos__photo" />
                  ))}
                </View>
              )}
            </Card>
          )}

          <Card title="需求内容">
            <Text className="need-text">{need.description}</Text>
            {need.otherText && <Text className="need-text need-text--sub">{`居民所写：${need.otherText}`}</Text>}
            {Object.keys(need.answers).length > 0 && (
              <View className="need-answers">
                {Object.entries(need.answers).map(([code, value]) => {
                  const field = fields.find((f) => f.code === code);
                  return (
                    <InfoRow key={code} label={field?.label ?? code}>
                      <Text>{answerText(field, value)}</Text>
                    </InfoRow>
                  );
                })}
              </View>
            )}
            {need.photos.length > 0 && (
              <View className="need-photos">
                {need.photos.map((p) => (
                  <ApiPhoto key={p.id} url={p.url} className="need-photos__photo" />
                ))}
              </View>
            )}
          </Card>

          <ContactCard need={need} />

          {access.can(api.whistles.blowWhistle) && ['accepted', 'routed', 'in_progress'].includes(need.status) && (
            <View
              className="need-whistle"
              onClick={() => void Taro.navigateTo({ url: `/packages/whistles/blow/index?needId=${need.id}` })}
            >
              <Text className="need-whistle__text">社区解决不了？吹哨请街道或职能部门限时报到</Text>
              <Text className="need-whistle__go">吹哨 ›</Text>
            </View>
          )}

          <Card title="办理经过">
            <Timeline events={need.timeline} />
          </Card>

          {actions.length > 0 ? (
            <ActionBar>
              {actions.includes('reject') && (
                <PlainButton
                  className="need-action need-action--reject"
                  tone="danger"
                  onClick={() => void onAction('reject')}
                >
                  驳回
                </PlainButton>
              )}
              {actions
                .filter((a) => a !== 'reject')
                .slice(0, 2)
                .map((a, i, shown) =>
                  // One primary button: the next step; a second one (办结 beside 开始办理) is plain.
                  i === shown.length - 1 ? (
                    <Button
                      key={a}
                      className={`need-action need-action--${a}`}
                      type="primary"
                      shape="round"
                      size="large"
                      disabled={busy}
                      onClick={() => void onAction(a)}
                    >
                      {NEED_ACTION_LABELS[a]}
                    </Button>
                  ) : (
                    <PlainButton
                      key={a}
                      className={`need-action need-action--${a}`}
                      tone="brand"
                      onClick={() => void onAction(a)}
                    >
                      {NEED_ACTION_LABELS[a]}
                    </PlainButton>
                  ),
                )}
            </ActionBar>
          ) : (
            <Text className="admin-need__done">
              {['done', 'closed', 'rejected', 'withdrawn'].includes(need.status)
                ? '这项需求已经结束'
                : '当前没有需要您办理的操作'}
            </Text>
          )}
        </>
      )}

      {need && (
        <CompleteNeedSheet
          need={need}
          open={sheet === 'complete'}
          required={!!need.assignee}
          title="办结"
          onClose={() => setSheet(null)}
          onDone={() => (setSheet(null), void detail.reload())}
        />
      )}

      <RejectSheet
        open={sheet === 'reject'}
        busy={busy}
        error={sheetError}
        onClose={() => setSheet(null)}
        onEdit={() => setSheetError(null)}
        onReject={submitReject}
      />

      <Sheet
        open={sheet === 'dispatch'}
        title="派单"
        className="dispatch-sheet"
        onClose={() => setSheet(null)}
        footer={
          <Button
            className="dispatch-sheet__submit"
            type="primary"
            shape="round"
            size="large"
            disabled={busy || !picked}
            onClick={() => void submitDispatch()}
          >
            {picked ? `派给「${picked.title}」` : '请选择派单对象'}
          </Button>
        }
      >
        <Banner message={sheetError} />
        <Text className="dispatch-sheet__hint">系统按同类服务、就近、当前有空排序，选一个派单：</Text>
        {matches.loading && <LoadingCards count={2} />}
        {matches.error && !matches.loading && (
          <ErrorState message={matches.error} onRetry={() => void matches.reload()} />
        )}
        {matches.data && matches.data.matches.length === 0 && (
          <EmptyState text="暂时没有合适的派单对象" hint="可以先开展同类志愿活动或登记资源，再来派单" />
        )}
        {matches.data?.matches.map((m) => (
          <MatchCard
            key={`${m.kind}:${m.targetId}`}
            match={m}
            picked={picked?.targetId === m.targetId}
            onPick={() => setPicked(m)}
          />
        ))}
        {matches.data && matches.data.matches.length > 0 && (
          <Field label="派单说明（选填）">
            <TextArea value={note} onInput={setNote} placeholder="例如：请于本周内联系居民" maxlength={500} />
          </Field>
        )}
      </Sheet>
    </View>
  );
}
