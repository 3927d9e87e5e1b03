import type { ReactNode } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import type { WhistleSummary } from '@gongzhi/shared';
import { WHISTLE_TARGET_STATUS_LABELS } from '@gongzhi/shared';
import { StatusPill } from '../../../components/ResidentKit';
import { TARGET_TONES, activeDeadline, countdown } from '../../../packages/whistles/look';

export const go = (url: string) => void Taro.navigateTo({ url });

/** One block of "my work" on the home tab: a title, an optional link to the whole list, its rows. */
export function WorkSection({
  title,
  more,
  moreUrl,
  className = '',
  children,
}: {
  title: string;
  more?: string;
  moreUrl?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <View className={`work-section ${className}`}>
      <View className="work-section__head">
        <Text className="work-section__title">{title}</Text>
        {more && moreUrl && (
          <Text className="work-section__more" onClick={() => go(moreUrl)}>
            {`${more} ›`}
          </Text>
        )}
      </View>
      {children}
    </View>
  );
}

/** A count with its words; `warn` paints it red (overdue, nothing done this week). */
export function WorkTile({
  label,
  count,
  warn = false,
  on = false,
  onClick,
}: {
  label: string;
  count: number | null;
  warn?: boolean;
  on?: boolean;
  onClick?: () => void;
}) {
  return (
    <View
      className={`work-tile${warn && count ? ' work-tile--warn' : ''}${on ? ' work-tile--on' : ''}`}
      onClick={onClick}
    >
      <Text className="work-tile__count">{count ?? '—'}</Text>
      <Text className="work-tile__label">{label}</Text>
    </View>
  );
}

/** A row that opens something: a title, a line under it, and a status on the right. */
export function WorkRow({
  title,
  sub,
  pill,
  late = false,
  url,
}: {
  title: string;
  sub: string;
  pill?: ReactNode;
  late?: boolean;
  url: string;
}) {
  return (
    <View className={`work-row${late ? ' work-row--late' : ''}`} hoverClass="work-row--pressed" onClick={() => go(url)}>
      <View className="work-row__body">
        <Text className="work-row__title">{title}</Text>
        <Text className={`work-row__sub${late ? ' work-row__sub--late' : ''}`}>{sub}</Text>
      </View>
      {pill}
      <Text className="work-row__go">›</Text>
    </View>
  );
}

/** The caller's own target of a whistle (the one they report and resolve), with its deadline. */
export function ownTarget(w: WhistleSummary) {
  return w.targets.find((t) => t.mine) ?? null;
}

const OPEN = ['pending', 'reported', 'sentBack'];

/** Whistles whose own target still waits for the caller: overdue first, then the nearest deadline. */
export function openForMe(rows: WhistleSummary[]): WhistleSummary[] {
  const seen = new Set<string>();
  const due = (w: WhistleSummary) => {
    const t = ownTarget(w);
    const d = t ? activeDeadline(t) : null;
    return d ? Date.parse(d.at) : Number.MAX_SAFE_INTEGER;
  };
  return rows
    .filter((w) => w.own && OPEN.includes(w.own.status) && !seen.has(w.id) && seen.add(w.id))
    .sort((a, b) => Number(!!b.own?.overdue) - Number(!!a.own?.overdue) || due(a) - due(b));
}

/** A whistle waiting for the caller: its title, where, and 报到剩 2小时 / 办结已超时 3天. */
export function WhistleWorkRow({ w, now }: { w: WhistleSummary; now: number }) {
  const t = ownTarget(w);
  const deadline = t ? activeDeadline(t) : null;
  const left = deadline ? countdown(deadline, now) : null;
  const status = w.own?.status ?? 'pending';
  return (
    <WorkRow
      title={w.title}
      sub={[w.place.label, left?.text].filter(Boolean).join(' · ')}
      late={!!left?.late}
      url={`/packages/whistles/detail/index?id=${w.id}`}
      pill={<StatusPill text={WHISTLE_TARGET_STATUS_LABELS[status]} tone={TARGET_TONES[status]} />}
    />
  );
}

export function WorkEmpty({ text }: { text: string }) {
  return <Text className="work-empty">{text}</Text>;
}
