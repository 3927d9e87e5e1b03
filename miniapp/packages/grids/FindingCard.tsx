import { useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  FINDING_CATEGORY_LABELS,
  FINDING_OUTCOME_LABELS,
  FINDING_STATUS_LABELS,
  api,
  type FindingStatus,
  type FindingView,
} from '@gongzhi/shared';
import { call, messageOf } from '../../services/api';
import { ApiPhoto, StatusPill, requestKey, type Tone } from '../../components/ResidentKit';
import { Banner, Field, PlainButton, Sheet, TextArea } from '../admin/components/ui';
import { dateTime } from '../admin/lib/format';
import './FindingCard.scss';

const TONES: Record<FindingStatus, Tone> = { open: 'orange', converted: 'blue', closed: 'green' };

/** One patrol finding with what may be done with it: into a need, a whistle, or handled on the spot. */
export function FindingCard({
  f,
  canHandle,
  onChanged,
}: {
  f: FindingView;
  canHandle: boolean;
  onChanged: (f: FindingView) => void;
}) {
  const [closing, setClosing] = useState(false);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const needKey = useRef(requestKey());

  const toNeed = async () => {
    const { confirm } = await Taro.showModal({
      title: '转为需求？',
      content: '将按这条发现代居民点单，进入社区需求收件箱办理。每条发现只能转办一次。',
      confirmText: '转为需求',
      confirmColor: '#D42A1F',
    });
    if (!confirm) return;
    try {
      const next = await call(api.grids.convertFindingToNeed, {
        params: { id: f.id },
        body: {},
        header: { 'Idempotency-Key': needKey.current },
      });
      void Taro.showToast({ title: '已转为需求', icon: 'success' });
      onChanged(next);
    } catch (e) {
      void Taro.showToast({ title: messageOf(e), icon: 'none' });
    }
  };

  const close = async () => {
    const { confirm } = await Taro.showModal({
      title: f.status === 'open' ? '现场处置？' : '办结这条发现？',
      content: f.status === 'open' ? '现场处置后这条发现不能再转为需求或吹哨。' : '办结后不能再修改。',
      confirmText: '确定',
      confirmColor: '#D42A1F',
    });
    if (!confirm) return;
    setBusy(true);
    setError(null);
    try {
      const next = await call(api.grids.closeFinding, { params: { id: f.id }, body: { note } });
      setClosing(false);
      void Taro.showToast({ title: '已办结', icon: 'success' });
      onChanged(next);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const acts = canHandle ? f.actions : [];
  return (
    <View className={`finding-card finding-card--${f.status}`}>
      <View className="finding-card__top">
        <Text className="finding-card__category">{FINDING_CATEGORY_LABELS[f.category]}</Text>
        <StatusPill text={FINDING_STATUS_LABELS[f.status]} tone={TONES[f.status]} />
      </View>
      <Text className="finding-card__desc">{f.description}</Text>
      <Text className="finding-card__meta">{`${f.place.label} · ${dateTime(f.foundAt)}`}</Text>
      {f.location && (
        <Text className="finding-card__meta">{`定位 ${f.location.lat.toFixed(4)}, ${f.location.lng.toFixed(4)}`}</Text>
      )}
      {f.photos.length > 0 && (
        <View className="finding-card__photos">
          {f.photos.map((p) => (
            <ApiPhoto key={p.id} url={p.url} className="finding-card__photo" />
          ))}
        </View>
      )}
      {f.outcome && (
        <View
          className="finding-card__outcome"
          onClick={() => {
            if (f.outcome?.kind === 'whistle' && f.outcome.targetId)
              void Taro.navigateTo({ url: `/packages/whistles/detail/index?id=${f.outcome.targetId}` });
          }}
        >
          <Text>{`${FINDING_OUTCOME_LABELS[f.outcome.kind]} · ${f.outcome.by.name} · ${dateTime(f.outcome.at)}`}</Text>
          {f.outcome.kind === 'whistle' && f.outcome.targetId && <Text className="finding-card__link">查看吹哨 ›</Text>}
        </View>
      )}
      {f.closeNote && <Text className="finding-card__meta">{`处置结果：${f.closeNote}`}</Text>}
      {acts.length > 0 && (
        <View className="finding-card__actions">
          {acts.includes('toWhistle') && (
            <PlainButton
              tone="brand"
              className="finding-card__action finding-action-whistle"
              onClick={() => void Taro.navigateTo({ url: `/packages/whistles/blow/index?findingId=${f.id}` })}
            >
              吹哨
            </PlainButton>
          )}
          {acts.includes('toNeed') && (
            <PlainButton className="finding-card__action finding-action-need" onClick={() => void toNeed()}>
              转为需求
            </PlainButton>
          )}
          {acts.includes('close') && (
            <PlainButton className="finding-card__action finding-action-close" onClick={() => setClosing(true)}>
              {f.status === 'open' ? '现场处置' : '办结'}
            </PlainButton>
          )}
        </View>
      )}
      <Sheet
        open={closing}
        title={f.status === 'open' ? '现场处置' : '办结发现'}
        onClose={() => setClosing(false)}
        footer={
          <Button type="primary" block loading={busy} disabled={!note.trim()} onClick={() => void close()}>
            确定
          </Button>
        }
      >
        <Banner message={error} />
        <Field label="处置结果" required>
          <TextArea value={note} maxlength={500} placeholder="例如：已联系物业当场清理" onInput={setNote} />
        </Field>
      </Sheet>
    </View>
  );
}
