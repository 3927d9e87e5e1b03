import { useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { MENU_CATEGORIES, api, type MenuItemDetail, type NeedDetail } from '@gongzhi/shared';
import { call, messageOf } from '../../../services/api';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { useRemote } from '../../../hooks/useRemote';
import { EmptyState, ErrorState, LoadingCards } from '../../../components/PageState';
import { ApiPhoto, STAR_WORDS, Stars, StatusPill, whenText } from '../../../components/ResidentKit';
import { ActionBar, Card, InfoRow, PlainButton } from '../../admin/components/ui';
import { CompleteNeedSheet, DeclineNeedSheet } from '../../admin/components/NeedResultSheets';
import { SERVING_LABELS, SERVING_TONES } from '../look';
import '../../admin/components/ui.scss';
import './index.scss';

function answerText(item: MenuItemDetail | null, code: string, value: string | number | string[]): string {
  const field = item?.fields.find((f) => f.code === code);
  const label = (key: string) => field?.options?.find((o) => o.key === key)?.label ?? key;
  if (Array.isArray(value)) return value.map(label).join('、');
  if (field?.type === 'singleChoice' && typeof value === 'string') return label(value);
  if (field?.type === 'datetime' && typeof value === 'string') return whenText(value);
  return String(value);
}

/** The line under the title: what the person does next. */
function nextLine(need: NeedDetail): string {
  switch (need.status) {
    case 'routed':
      return '社区请您为这位居民服务，方便的话请接单，并尽快联系居民';
    case 'in_progress':
      return need.dueCompleteAt
        ? `服务完成后请填写结果，最晚 ${whenText(need.dueCompleteAt)} 前`
        : '服务完成后请填写结果';
    case 'done':
      return '服务已完成，等待居民评价';
    case 'closed':
      return need.rating ? `居民评价：${STAR_WORDS[need.rating.stars]}` : '服务已完成';
    default:
      return '这项需求已退回社区，由社区重新安排';
  }
}

/** 待我服务 → one need: who and where, the phone to call while it is in my hands, 接单 / 无法服务 / 完成服务. */
export default function ServingNeedPage() {
  const id = useRouter().params.id ?? '';
  const signedIn = useSignedIn();
  const remote = useRemote(() => call(api.needs.getNeed, { params: { id } }), [id], signedIn);
  const [override, setOverride] = useState<NeedDetail | null>(null);
  const need = override && override.id === id ? override : remote.data;
  const itemId = need?.menuItem?.id ?? null;
  const item = useRemote(() => call(api.menu.getMenuItem, { params: { id: itemId ?? '' } }), [itemId], !!itemId);
  const [sheet, setSheet] = useState<'complete' | 'decline' | null>(null);
  const [busy, setBusy] = useState(false);

  usePullDownRefresh(() => {
    setOverride(null);
    void remote.reload().finally(() => Taro.stopPullDownRefresh());
  });

  async function take() {
    if (!need || busy) return;
    const { confirm } = await Taro.showModal({
      title: '接单',
      content: '接单后居民会收到“已接单”的通知。请尽快打电话和居民约好时间。',
      confirmText: '接单',
      cancelText: '再想想',
      confirmColor: '#D42A1F',
    });
    if (!confirm) return;
    setBusy(true);
    try {
      setOverride(await call(api.needs.takeNeed, { params: { id: need.id }, body: {} }));
      void Taro.showToast({ title: '已接单', icon: 'success' });
    } catch (e) {
      void Taro.showModal({ title: '接单没有成功', content: messageOf(e), showCancel: false, confirmText: '知道了' });
      setOverride(null);
      void remote.reload();
    } finally {
      setBusy(false);
    }
  }

  if (remote.loading && !need) {
    return (
      <View className="page serve-need">
        <LoadingCards count={3} />
      </View>
    );
  }
  if (!need) {
    const gone = remote.errorCode === 'NOT_FOUND' || remote.errorCode === 'VALIDATION_FAILED';
    return (
      <View className="page serve-need">
        {gone ? (
          <EmptyState text="没有找到这项服务" hint="它可能已退回社区重新安排，或者链接有误" />
        ) : (
          <ErrorState message={remote.error ?? '加载没有成功'} onRetry={() => void remote.reload()} />
        )}
      </View>
    );
  }

  const mine = need.assignee !== null;
  const category = MENU_CATEGORIES.find((c) => c.code === need.categoryCode);
  const dispatch = [...need.timeline].reverse().find((e) => e.action === 'dispatch');
  const phoneShown = !need.phoneMasked;
  const canTake = mine && need.actions.includes('take');
  const canComplete = mine && need.actions.includes('complete') && need.status === 'in_progress';
  const canDecline = mine && need.actions.includes('decline');

  return (
    <View className="page serve-need">
      <View className="serve-need__hero">
        <View className="serve-need__top">
          {category && <Text className="serve-need__category">{`${category.icon} ${category.name}`}</Text>}
          <StatusPill
            className="serve-need__status"
            text={mine ? (SERVING_LABELS[need.status] ?? '') : '已退回社区'}
            tone={mine ? (SERVING_TONES[need.status] ?? 'grey') : 'grey'}
          />
        </View>
        <Text className="serve-need__title">{need.title}</Text>
        <Text className="serve-need__next">{mine ? nextLine(need) : '这项需求已退回社区，由社区重新安排'}</Text>
      </View>

      <Card title="居民" className="serve-need__resident">
        <InfoRow label="姓名">
          <Text>{need.onBehalfOf ? `${need.onBehalfOf.name}（${need.owner.name}代为下单）` : need.owner.name}</Text>
        </InfoRow>
        <InfoRow label="电话">
          <Text className="serve-need__phone">{need.onBehalfOf?.phone ?? need.contactPhone}</Text>
        </InfoRow>
        <InfoRow label="地址">
          <Text>{need.place.label}</Text>
        </InfoRow>
        <InfoRow label="希望时间">
          <Text>{need.preferredTime ? whenText(need.preferredTime) : '未指定，电话约定'}</Text>
        </InfoRow>
        {phoneShown ? (
          <View
            className="serve-need__call"
            hoverClass="serve-need__call--pressed"
            onClick={() =>
              void Taro.makePhoneCall({ phoneNumber: need.onBehalfOf?.phone ?? need.contactPhone }).catch(
                () => undefined,
              )
            }
          >
            <Text>📞 拨打电话</Text>
          </View>
        ) : (
          <Text className="serve-need__hint">为保护居民隐私，服务完成后不再显示完整号码</Text>
        )}
      </Card>

      <Card title="需求内容">
        <Text className="serve-need__text">{need.description}</Text>
        {Object.entries(need.answers).map(([code, value]) => (
          <InfoRow key={code} label={item.data?.fields.find((f) => f.code === code)?.label ?? code}>
            <Text>{answerText(item.data, code, value)}</Text>
          </InfoRow>
        ))}
        {need.photos.length > 0 && (
          <View className="serve-need__photos">
            {need.photos.map((p) => (
              <ApiPhoto key={p.id} url={p.url} className="serve-need__photo" />
            ))}
          </View>
        )}
        {dispatch?.note && <Text className="serve-need__from">{`社区留言：${dispatch.note}`}</Text>}
      </Card>

      {need.result && (
        <Card title="服务结果" className="serve-need__result">
          <Text className="serve-need__text">{need.result.note ?? '（未填写）'}</Text>
          {need.result.photos.length > 0 && (
            <View className="serve-need__photos">
              {need.result.photos.map((p) => (
                <ApiPhoto key={p.id} url={p.url} className="serve-need__photo" />
              ))}
            </View>
          )}
          <Text className="serve-need__when">{`${whenText(need.result.at)} 完成`}</Text>
          {need.rating && (
            <View className="serve-need__rating">
              <Stars value={need.rating.stars} size="small" />
              {need.rating.comment && <Text className="serve-need__text">{need.rating.comment}</Text>}
            </View>
          )}
        </Card>
      )}

      {(canTake || canComplete || canDecline) && (
        <ActionBar>
          {canDecline && (
            <PlainButton
              className="serve-action serve-action--decline"
              tone="danger"
              onClick={() => setSheet('decline')}
            >
              无法服务
            </PlainButton>
          )}
          {canTake && (
            <Button
              className="serve-action serve-action--take"
              type="primary"
              shape="round"
              size="large"
              disabled={busy}
              onClick={() => void take()}
            >
              接单
            </Button>
          )}
          {canComplete && (
            <Button
              className="serve-action serve-action--complete"
              type="primary"
              shape="round"
              size="large"
              onClick={() => setSheet('complete')}
            >
              完成服务
            </Button>
          )}
        </ActionBar>
      )}

      <CompleteNeedSheet
        need={need}
        open={sheet === 'complete'}
        required
        onClose={() => setSheet(null)}
        onDone={(n) => (setOverride(n), setSheet(null))}
      />
      <DeclineNeedSheet
        need={need}
        open={sheet === 'decline'}
        onClose={() => setSheet(null)}
        onDone={(n) => (setOverride(n), setSheet(null))}
      />
    </View>
  );
}
