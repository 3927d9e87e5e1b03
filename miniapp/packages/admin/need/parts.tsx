import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import {
  MENU_CATEGORIES,
  NEED_ACTION_LABELS,
  NEED_STATUS_LABELS,
  ROLE_LABELS,
  ROUTE_KIND_LABELS,
  api,
  type MenuField,
  type NeedDetail,
  type NeedEventView,
  type Role,
  type RouteMatch,
} from '@gongzhi/shared';
import { dateTime, dueText } from '../lib/format';
import { NEED_STATUS_TONES, OVERDUE_LABELS, runningDue } from '../components/NeedCard';
import { call } from '../../../services/api';
import { Card, InfoRow, Tag } from '../components/ui';

// Pieces of the staff need page: its timeline (every step, with staff notes) and a dispatch match.

function roleName(role: string): string {
  return ROLE_LABELS[role as Role] ?? (role === 'system' ? '系统' : role);
}

export function Timeline({ events }: { events: NeedEventView[] }) {
  const shown = [...events].reverse();
  return (
    <View className="need-timeline">
      {shown.map((e, i) => (
        <View key={e.seq} className={`need-timeline__item ${i === 0 ? 'need-timeline__item--latest' : ''}`}>
          <View className="need-timeline__dot" />
          <View className="need-timeline__body">
            <View className="need-timeline__row">
              <Text className="need-timeline__action">{`${NEED_ACTION_LABELS[e.action]} · ${NEED_STATUS_LABELS[e.to]}`}</Text>
              <Text className="need-timeline__time">{dateTime(e.at)}</Text>
            </View>
            <Text className="need-timeline__actor">
              {e.actor.name ? `${e.actor.name}（${roleName(e.actor.role)}）` : roleName(e.actor.role)}
            </Text>
            {e.route && (
              <Text className="need-timeline__note">
                {`派给：${ROUTE_KIND_LABELS[e.route.kind]}${e.route.title ? ` · ${e.route.title}` : ''}`}
                {e.assignee ? `（由${e.assignee.name}本人接单）` : ''}
              </Text>
            )}
            {e.rating && (
              <Text className="need-timeline__note">{`评价：${'★'.repeat(e.rating.stars)} ${e.rating.comment}`}</Text>
            )}
            {e.note && <Text className="need-timeline__note">{e.note}</Text>}
          </View>
        </View>
      ))}
    </View>
  );
}

export function MatchCard({ match, picked, onPick }: { match: RouteMatch; picked: boolean; onPick: () => void }) {
  return (
    <View className={`route-match ${picked ? 'route-match--on' : ''}`} onClick={onPick}>
      <View className="route-match__top">
        <Text className="route-match__rank">{match.rank}</Text>
        <Text className="route-match__title">{match.title}</Text>
        <Text className={`route-match__radio ${picked ? 'route-match__radio--on' : ''}`}>{picked ? '✓' : ''}</Text>
      </View>
      <View className="route-match__tags">
        <Tag tone="blue">{ROUTE_KIND_LABELS[match.kind]}</Tag>
        {match.available ? <Tag tone="green">可安排</Tag> : <Tag tone="grey">暂无空档</Tag>}
      </View>
      {match.reasons.length > 0 && <Text className="route-match__reasons">{match.reasons.join(' · ')}</Text>}
    </View>
  );
}

/** 居民与地址: who ordered, the phone (in full for the handler, audited), where and when, the outcome so far. */
export function ContactCard({ need }: { need: NeedDetail }) {
  return (
    <Card title="居民与地址" className="need-contact">
      <InfoRow label="下单人">
        <Text>{need.owner.name}</Text>
      </InfoRow>
      {need.onBehalfOf && (
        <InfoRow label="代居民点单">
          <Text>{`${need.onBehalfOf.name} ${need.onBehalfOf.phone}`}</Text>
        </InfoRow>
      )}
      <InfoRow label="联系电话">
        <Text className="need-phone">{need.contactPhone}</Text>
        {need.phoneMasked ? (
          <Text className="need-phone__note">受理人可见完整号码</Text>
        ) : (
          <Text
            className="need-phone__call"
            onClick={() => void Taro.makePhoneCall({ phoneNumber: need.contactPhone }).catch(() => undefined)}
          >
            拨打
          </Text>
        )}
      </InfoRow>
      <InfoRow label="服务地址">
        <Text>{need.place.label}</Text>
      </InfoRow>
      <InfoRow label="期望时间">
        <Text>{need.preferredTime ? dateTime(need.preferredTime) : '未指定，电话约定'}</Text>
      </InfoRow>
      {need.handler && (
        <InfoRow label="受理人">
          <Text>{need.handler.name}</Text>
        </InfoRow>
      )}
      {need.rejectReason && (
        <InfoRow label="驳回原因">
          <Text>{need.rejectReason}</Text>
        </InfoRow>
      )}
      {need.rating && (
        <InfoRow label="居民评价">
          <Text>{`${'★'.repeat(need.rating.stars)}${'☆'.repeat(5 - need.rating.stars)} ${need.rating.comment}`}</Text>
        </InfoRow>
      )}
    </Card>
  );
}

/** The top of the page: category, status, title, overdue badge and the running time limit. */
export function NeedHero({ need }: { need: NeedDetail }) {
  const category = MENU_CATEGORIES.find((c) => c.code === need.categoryCode);
  const due = runningDue(need);
  return (
    <View className="need-hero">
      <View className="need-hero__top">
        {category && (
          <Text
            className="need-hero__category"
            style={{ color: category.color, backgroundColor: `${category.color}1A` }}
          >{`${category.icon} ${category.name}`}</Text>
        )}
        <Tag tone={NEED_STATUS_TONES[need.status]} className="need-status">
          {NEED_STATUS_LABELS[need.status]}
        </Tag>
      </View>
      <Text className="need-hero__title">{need.title}</Text>
      {need.overdue && (
        <Text className="overdue-badge need-hero__overdue">{`超时 · ${OVERDUE_LABELS[need.overdue]}`}</Text>
      )}
      <View className="need-hero__limits">
        <Text>{`${dateTime(need.submittedAt)} 提交`}</Text>
        {due && (
          <Text className={need.overdue ? 'need-hero__late' : 'need-hero__due'}>
            {`${need.status === 'submitted' ? '受理' : '办结'}时限 ${dateTime(due)}（${dueText(due)}）`}
          </Text>
        )}
      </View>
    </View>
  );
}

export function answerText(field: MenuField | undefined, value: string | number | string[]): string {
  const label = (key: string) => field?.options?.find((o) => o.key === key)?.label ?? key;
  if (Array.isArray(value)) return value.map(label).join('、');
  if (field?.type === 'singleChoice' && typeof value === 'string') return label(value);
  if (field?.type === 'datetime' && typeof value === 'string') return dateTime(value);
  return String(value);
}

/** Where a dispatched need went, by name. */
export async function routeTitle(route: NonNullable<NeedDetail['route']>): Promise<string> {
  const params = { id: route.targetId };
  switch (route.kind) {
    case 'activity':
      return (await call(api.activities.getActivity, { params })).title;
    case 'resource':
      return (await call(api.resources.getResource, { params })).name;
    case 'project':
      return (await call(api.projects.getProject, { params })).title;
    default:
      return '职能部门';
  }
}
