import { View, Text } from '@tarojs/components';
import { residentTimeline, type NeedEventView } from '@gongzhi/shared';
import { ApiPhoto, Stars, whenText } from '../../../components/ResidentKit';

/**
 * 办理进度 in plain words, newest first: who serves the resident and what was done
 * (shared/src/needs/resident-words.ts). Staff notes never show here; the result does.
 */
export function Timeline({ events }: { events: NeedEventView[] }) {
  const lines = residentTimeline(events).reverse();
  const rating = new Map(events.filter((e) => e.rating).map((e) => [e.seq, e.rating!]));
  return (
    <View className="need-timeline">
      {lines.map((l, i) => (
        <View
          key={l.seq}
          className={`need-timeline__item ${i === 0 ? 'need-timeline__item--latest' : ''}`}
          data-seq={l.seq}
          data-action={l.action}
        >
          <View className="need-timeline__rail">
            <View className="need-timeline__dot" />
            {i < lines.length - 1 && <View className="need-timeline__line" />}
          </View>
          <View className="need-timeline__body">
            <Text className="need-timeline__action">{l.text}</Text>
            <Text className="need-timeline__who">{whenText(l.at)}</Text>
            {rating.has(l.seq) && (
              <View className="need-timeline__rating">
                <Stars value={rating.get(l.seq)!.stars} size="small" />
              </View>
            )}
            {l.detail && <Text className="need-timeline__note">{l.detail}</Text>}
            {l.photos.length > 0 && (
              <View className="need-photos need-timeline__photos">
                {l.photos.map((p) => (
                  <ApiPhoto key={p.id} url={p.url} className="need-photos__photo" />
                ))}
              </View>
            )}
          </View>
        </View>
      ))}
    </View>
  );
}
