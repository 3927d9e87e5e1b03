import { View, Text } from '@tarojs/components';
import { WHISTLE_ACTION_LABELS, WHISTLE_SUPERVISOR_LABELS, type WhistleDetail } from '@gongzhi/shared';
import { Stars } from '../../../components/ResidentKit';
import { Card } from '../../admin/components/ui';
import { dateTime } from '../../admin/lib/format';

/** 办理经过: every step of every target, the latest first; escalations and 督办 say who was pressed. */
export function Timeline({ w }: { w: WhistleDetail }) {
  const steps = [...w.timeline].reverse();
  return (
    <Card title="办理经过" className="whistle-timeline">
      {steps.map((e, i) => (
        <View
          key={`${e.targetId}-${e.seq}`}
          className={`whistle-timeline__item ${i === 0 ? 'whistle-timeline__item--latest' : ''}`}
        >
          <View className="whistle-timeline__dot" />
          <View className="whistle-timeline__body">
            <View className="whistle-timeline__row">
              <Text className="whistle-timeline__action">{WHISTLE_ACTION_LABELS[e.action]}</Text>
              <Text className="whistle-timeline__time">{dateTime(e.at)}</Text>
            </View>
            <Text className="whistle-timeline__actor">
              {e.action === 'escalate'
                ? `${e.targetName} 超时未报到，升级至${e.supervisor ? WHISTLE_SUPERVISOR_LABELS[e.supervisor] : ''}督办`
                : e.action === 'remind'
                  ? `${e.actor.name ?? ''} 督办 ${e.targetName}`
                  : `${e.actor.name ?? '系统'} · ${e.targetName}`}
            </Text>
            {e.note && <Text className="whistle-timeline__note">{e.note}</Text>}
            {e.satisfaction !== null && (
              <View className="whistle-timeline__stars">
                <Stars value={e.satisfaction} size="small" />
              </View>
            )}
          </View>
        </View>
      ))}
    </Card>
  );
}
