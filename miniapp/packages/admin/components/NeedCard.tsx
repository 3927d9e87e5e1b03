import { View, Text } from '@tarojs/components';
import { MENU_CATEGORIES, NEED_STATUS_LABELS, type NeedStatus, type NeedSummary } from '@gongzhi/shared';
import { dateTime, dueText } from '../lib/format';
import { Tag, type Tone } from './ui';
import './NeedCard.scss';

export const NEED_STATUS_TONES: Record<NeedStatus, Tone> = {
  submitted: 'brand',
  accepted: 'orange',
  routed: 'blue',
  in_progress: 'blue',
  done: 'green',
  closed: 'grey',
  rejected: 'grey',
  withdrawn: 'grey',
};

export const OVERDUE_LABELS = { accept: '受理超时', complete: '办结超时' } as const;

/** The time limit that runs now: acceptance while submitted, completion once accepted. */
export function runningDue(need: Pick<NeedSummary, 'status' | 'dueAcceptAt' | 'dueCompleteAt'>): string | null {
  if (need.status === 'submitted') return need.dueAcceptAt;
  if (['accepted', 'routed', 'in_progress'].includes(need.status)) return need.dueCompleteAt;
  return null;
}

export function NeedCard({ need, onOpen }: { need: NeedSummary; onOpen: (need: NeedSummary) => void }) {
  const category = MENU_CATEGORIES.find((c) => c.code === need.categoryCode);
  const due = runningDue(need);
  return (
    <View className={`need-card ${need.overdue ? 'need-card--overdue' : ''}`} onClick={() => onOpen(need)}>
      <View className="need-card__top">
        <Text className="need-card__icon">{category?.icon ?? '💬'}</Text>
        <Text className="need-card__title">{need.title}</Text>
        <Tag tone={NEED_STATUS_TONES[need.status]} className="need-card__status">
          {NEED_STATUS_LABELS[need.status]}
        </Tag>
      </View>
      {need.overdue && (
        <View className="need-card__alert">
          <Text className="overdue-badge">{`超时 · ${OVERDUE_LABELS[need.overdue]}`}</Text>
        </View>
      )}
      <Text className="need-card__desc">{need.description}</Text>
      <View className="need-card__meta">
        <Text className="need-card__place">{`📍 ${need.place.label}`}</Text>
        <Text className="need-card__owner">{need.owner.name}</Text>
      </View>
      <View className="need-card__foot">
        <Text>{`${dateTime(need.submittedAt)} 提交`}</Text>
        {due && <Text className={need.overdue ? 'need-card__due--late' : 'need-card__due'}>{dueText(due)}</Text>}
      </View>
    </View>
  );
}
