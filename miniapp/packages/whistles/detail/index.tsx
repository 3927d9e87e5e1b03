import { useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  WHISTLE_ACTION_LABELS,
  WHISTLE_STATUS_LABELS,
  WHISTLE_SUPERVISOR_LABELS,
  WHISTLE_TARGET_STATUS_LABELS,
  WHISTLE_TYPE_LABELS,
  WHISTLE_URGENCY_LABELS,
  MAX_WHISTLE_PHOTOS,
  api,
  whistleCategoryName,
  type WhistleAction,
  type WhistleTargetDetail,
} from '@gongzhi/shared';
import { call, messageOf } from '../../../services/api';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { useRemote } from '../../../hooks/useRemote';
import { ApiPhoto, STAR_WORDS, Stars, StatusPill } from '../../../components/ResidentKit';
import { ErrorState, LoadingCards } from '../../../components/PageState';
import { ActionBar, Banner, Card, Field, InfoRow, PlainButton, Sheet, TextArea } from '../../admin/components/ui';
import { dateTime } from '../../admin/lib/format';
import { PhotoPicker, photoIds, photoProblem, type PhotoItem } from '../../admin/components/PhotoPicker';
import { TARGET_TONES, URGENCY_TONES, WHISTLE_TONES, activeDeadline, countdown } from '../look';
import { RemindSheet } from './Remind';
import { Timeline } from './Timeline';
import '../../admin/components/ui.scss';
import './index.scss';

/** The words of each step's sheet and its confirmation. */
const STEP: Record<
  WhistleAction,
  { title: string; confirm: string; button: string; tone: 'brand' | 'default' | 'danger' }
> = {
  report: {
    title: '报到',
    confirm: '确认报到后，吹哨方会收到通知，办结时限继续计时。',
    button: '确认报到',
    tone: 'brand',
  },
  resolve: { title: '办结', confirm: '提交后交吹哨方确认，确认前不能修改。', button: '提交办结', tone: 'brand' },
  confirm: { title: '确认办结', confirm: '确认后这项吹哨即告办结，不能再退回。', button: '确认办结', tone: 'brand' },
  sendBack: { title: '退回重办', confirm: '退回后报到方需重新办理。', button: '退回', tone: 'danger' },
};

interface Open {
  target: WhistleTargetDetail;
  action: WhistleAction;
}

function TargetCard({
  t,
  inline,
  onAction,
  onRemind,
}: {
  t: WhistleTargetDetail;
  /** Show the step buttons on the card (when several targets await this person); else the bottom bar has them. */
  inline: boolean;
  onAction: (action: WhistleAction) => void;
  onRemind: () => void;
}) {
  const due = activeDeadline(t);
  const left = due ? countdown(due) : null;
  return (
    <Card
      className={`whistle-target whistle-target--${t.status}`}
      title={t.name}
      extra={<StatusPill text={WHISTLE_TARGET_STATUS_LABELS[t.status]} tone={TARGET_TONES[t.status]} />}
    >
      {left && (
        <View className={`whistle-target__countdown ${left.late ? 'whistle-target__countdown--late' : ''}`}>
          <Text>{left.text}</Text>
        </View>
      )}
      <InfoRow label="报到时限">{`${dateTime(t.reportDueAt)}${t.reportedLate ? '（迟报）' : ''}`}</InfoRow>
      <InfoRow label="办结时限">{dateTime(t.resolveDueAt)}</InfoRow>
      {t.escalatedTo && (
        <InfoRow label="督办">{`超时未报到，已升级至${WHISTLE_SUPERVISOR_LABELS[t.escalatedTo]}`}</InfoRow>
      )}
      {t.reportedAt && <InfoRow label="报到">{`${t.reportedBy?.name ?? ''} · ${dateTime(t.reportedAt)}`}</InfoRow>}
      {t.lastSendBackReason && t.status === 'sentBack' && <InfoRow label="退回原因">{t.lastSendBackReason}</InfoRow>}
      {t.result && <InfoRow label="办理结果">{t.result}</InfoRow>}
      {t.resultPhotos.length > 0 && (
        <View className="whistle-detail__photos whistle-target__photos">
          {t.resultPhotos.map((p) => (
            <ApiPhoto key={p.id} url={p.url} className="whistle-detail__photo" />
          ))}
        </View>
      )}
      {t.satisfaction !== null && (
        <InfoRow label="满意度">
          <View className="whistle-target__stars">
            <Stars value={t.satisfaction} size="small" />
            <Text>{STAR_WORDS[t.satisfaction]}</Text>
          </View>
        </InfoRow>
      )}
      {t.canRemind && (
        <PlainButton tone="brand" className="whistle-target__remind" onClick={onRemind}>
          督办
        </PlainButton>
      )}
      {inline && t.actions.length > 0 && (
        <View className="whistle-target__actions">
          {t.actions.map((a) => (
            <PlainButton
              key={a}
              tone={STEP[a].tone}
              className={`whistle-target__action whistle-action-${a}`}
              onClick={() => onAction(a)}
            >
              {STEP[a].title}
            </PlainButton>
          ))}
        </View>
      )}
    </Card>
  );
}

/** 吹哨详情: the whistle, each target's deadlines and steps (报到 / 办结 / 确认 / 退回), and the timeline. */
export default function WhistleDetailPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const signedIn = useSignedIn();
  const whistle = useRemote(() => call(api.whistles.getWhistle, { params: { id } }), [id], signedIn && !!id);
  const [open, setOpen] = useState<Open | null>(null);
  const [text, setText] = useState('');
  const [stars, setStars] = useState(5);
  const [photos, setPhotos] = useState<PhotoItem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The overdue list's 督办 opens this page with the target to remind.
  const [reminding, setReminding] = useState<string | null>(params.remind ?? null);

  usePullDownRefresh(() => void whistle.reload().finally(() => Taro.stopPullDownRefresh()));

  const start = (target: WhistleTargetDetail, action: WhistleAction) => {
    setOpen({ target, action });
    setText('');
    setStars(5);
    setPhotos([]);
    setError(null);
  };

  const submit = async () => {
    if (!open) return;
    const { target, action } = open;
    const waiting = action === 'resolve' ? photoProblem(photos) : null;
    if (waiting) {
      setError(waiting);
      return;
    }
    const body =
      action === 'report'
        ? { note: text.trim() || undefined }
        : action === 'resolve'
          ? { result: text, photos: photoIds(photos) }
          : action === 'confirm'
            ? { satisfaction: stars, comment: text }
            : { reason: text };
    const { confirm } = await Taro.showModal({
      title: `${STEP[action].button}？`,
      content: `${target.name}：${STEP[action].confirm}`,
      confirmText: STEP[action].button,
      confirmColor: '#D42A1F',
    });
    if (!confirm) return;
    setBusy(true);
    setError(null);
    const endpoint = {
      report: api.whistles.reportWhistle,
      resolve: api.whistles.resolveWhistle,
      confirm: api.whistles.confirmWhistle,
      sendBack: api.whistles.sendBackWhistle,
    }[action];
    try {
      await call(endpoint as typeof api.whistles.reportWhistle, {
        params: { id, targetId: target.id },
        body: body as never,
      });
      setOpen(null);
      void Taro.showToast({ title: `已${WHISTLE_ACTION_LABELS[action]}`, icon: 'success' });
      await whistle.reload();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  if (!signedIn) return <View className="page" />;
  const w = whistle.data;
  if (!w) {
    return (
      <View className="page whistle-detail">
        {whistle.loading && <LoadingCards count={3} />}
        {whistle.error && !whistle.loading && (
          <ErrorState message={whistle.error} onRetry={() => void whistle.reload()} />
        )}
      </View>
    );
  }
  const action = open?.action;
  // The targets this person may act on now.
  const actionable = w.targets.filter((t) => t.actions.length > 0);
  const needsText = action === 'resolve' || action === 'sendBack';

  return (
    <View className="page whistle-detail">
      <View className="whistle-detail__hero">
        <View className="whistle-detail__pills">
          <StatusPill text={WHISTLE_STATUS_LABELS[w.status]} tone={WHISTLE_TONES[w.status]} />
          <StatusPill text={WHISTLE_URGENCY_LABELS[w.urgency]} tone={URGENCY_TONES[w.urgency]} />
          {w.overdue && <StatusPill text="超时" tone="red" />}
        </View>
        <Text className="whistle-detail__title">{w.title}</Text>
        <Text className="whistle-detail__type">{WHISTLE_TYPE_LABELS[w.type]}</Text>
      </View>

      <Card title="问题">
        <Text className="whistle-detail__desc">{w.description}</Text>
        {w.photos.length > 0 && (
          <View className="whistle-detail__photos">
            {w.photos.map((p) => (
              <ApiPhoto key={p.id} url={p.url} className="whistle-detail__photo" />
            ))}
          </View>
        )}
        <InfoRow label="类别">{whistleCategoryName(w.category)}</InfoRow>
        <InfoRow label="地点">{w.place.label}</InfoRow>
        <InfoRow label="吹哨方">{`${w.origin.name} · ${w.blownBy.name}`}</InfoRow>
        <InfoRow label="吹哨时间">{dateTime(w.blownAt)}</InfoRow>
        {w.subject.kind === 'finding' && <InfoRow label="来源">网格巡查发现</InfoRow>}
        {w.subject.kind === 'need' && <InfoRow label="来源">居民需求</InfoRow>}
      </Card>

      {w.volunteerCall && (
        <Card title="党员报到召集" className="whistle-detail__call">
          <Text className="whistle-detail__call-text">
            已开出志愿活动，本社区在职党员可报名参加，按时到场即为报到。
          </Text>
          <PlainButton
            tone="brand"
            className="whistle-detail__call-link"
            onClick={() =>
              void Taro.navigateTo({ url: `/packages/activities/detail/index?id=${w.volunteerCall!.activityId}` })
            }
          >
            查看活动并报名
          </PlainButton>
        </Card>
      )}

      <Text className="section-title whistle-detail__section">报到对象</Text>
      {w.targets.map((t) => (
        <TargetCard
          key={t.id}
          t={t}
          inline={actionable.length > 1}
          onAction={(a) => start(t, a)}
          onRemind={() => setReminding(t.id)}
        />
      ))}

      <Timeline w={w} />

      <RemindSheet
        whistleId={id}
        target={w.targets.find((t) => t.id === reminding && t.canRemind) ?? null}
        onClose={() => setReminding(null)}
        onDone={whistle.reload}
      />

      {actionable.length === 1 && (
        <ActionBar>
          {actionable[0].actions.map((a) =>
            STEP[a].tone === 'danger' ? (
              <PlainButton
                key={a}
                tone="danger"
                className={`whistle-action-${a}`}
                onClick={() => start(actionable[0], a)}
              >
                {STEP[a].title}
              </PlainButton>
            ) : (
              <Button key={a} type="primary" className={`whistle-action-${a}`} onClick={() => start(actionable[0], a)}>
                {STEP[a].title}
              </Button>
            ),
          )}
        </ActionBar>
      )}

      <Sheet
        open={!!open}
        title={open ? `${STEP[open.action].title} · ${open.target.name}` : ''}
        onClose={() => setOpen(null)}
        footer={
          <Button
            type="primary"
            block
            loading={busy}
            disabled={needsText && text.trim().length < 2}
            className="whistle-detail__submit"
            onClick={() => void submit()}
          >
            {open ? STEP[open.action].button : ''}
          </Button>
        }
      >
        <Banner message={error} />
        {action === 'confirm' && (
          <Field label="满意度" required>
            <View className="whistle-detail__rate">
              <Stars value={stars} onChange={setStars} />
              <Text className="whistle-detail__rate-word">{STAR_WORDS[stars]}</Text>
            </View>
          </Field>
        )}
        <Field
          label={
            action === 'report'
              ? '备注（选填）'
              : action === 'resolve'
                ? '办理结果'
                : action === 'confirm'
                  ? '评价（选填）'
                  : '退回原因'
          }
          required={needsText}
        >
          <TextArea
            value={text}
            maxlength={action === 'resolve' ? 2000 : 500}
            placeholder={
              action === 'report'
                ? '例如：已安排专人今天下午到现场'
                : action === 'resolve'
                  ? '做了什么、结果如何'
                  : action === 'confirm'
                    ? '对办理的评价'
                    : '哪里还没有解决'
            }
            onInput={setText}
          />
        </Field>
        {action === 'resolve' && (
          <Field label={`现场照片（选填，最多 ${MAX_WHISTLE_PHOTOS} 张）`}>
            <PhotoPicker
              className="whistle-detail__resolve-photos"
              photos={photos}
              max={MAX_WHISTLE_PHOTOS}
              onChange={(update) => setPhotos((now) => update(now))}
            />
          </Field>
        )}
      </Sheet>
    </View>
  );
}
