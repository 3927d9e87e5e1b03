import { View, Text } from '@tarojs/components';
import { GRANT_STATUS_LABELS, ROLE_LABELS, type GrantView } from '@gongzhi/shared';
import { dayText, placeText, untilText } from '../../../services/grant-words';
import { PlainButton, Tag, type Tone } from '../../admin/components/ui';

const STATUS_TONE: Record<GrantView['status'], Tone> = { active: 'green', revoked: 'grey', expired: 'orange' };

/** One post in the list: who, which post where, granted by whom and when, until when; and what may be done. */
export function GrantCard({
  grant,
  canDisable,
  disabled,
  onRevoke,
  onDisable,
  onEnable,
}: {
  grant: GrantView;
  /** County administrators may stop a whole account (not their own). */
  canDisable: boolean;
  /** The account was stopped from this page. */
  disabled: boolean;
  onRevoke: () => void;
  onDisable: () => void;
  onEnable: () => void;
}) {
  const g = grant;
  return (
    <View className={`grant-card grant-card--${g.status}`}>
      <View className="grant-card__top">
        <View className="grant-card__avatar">
          <Text>{g.person.name.slice(0, 1)}</Text>
        </View>
        <View className="grant-card__who">
          <Text className="grant-card__name">{g.person.name}</Text>
          {g.person.phone && <Text className="grant-card__phone">{g.person.phone}</Text>}
        </View>
        <Tag tone={STATUS_TONE[g.status]}>{GRANT_STATUS_LABELS[g.status]}</Tag>
      </View>
      <View className="grant-card__post">
        <Tag tone="brand">{ROLE_LABELS[g.role]}</Tag>
        <Text className="grant-card__place">{placeText(g.place)}</Text>
      </View>
      <Text className="grant-card__line">
        {`${g.grantedBy ? `${g.grantedBy.name} ` : ''}${dayText(g.grantedAt)} 授权 · ${untilText(g.until)}`}
      </Text>
      {g.status === 'revoked' && (
        <Text className="grant-card__line grant-card__line--revoked">
          {`${g.revokedBy?.name ?? ''} ${g.revokedAt ? dayText(g.revokedAt) : ''} 撤销${g.revokeReason ? `：${g.revokeReason}` : ''}`}
        </Text>
      )}
      {disabled && <Text className="grant-card__line grant-card__line--revoked">账号已停用，本人无法再登录使用</Text>}
      {(g.canRevoke || canDisable) && (
        <View className="grant-card__actions">
          {canDisable &&
            (disabled ? (
              <PlainButton className="grant-card__enable" onClick={onEnable}>
                恢复账号
              </PlainButton>
            ) : (
              <PlainButton className="grant-card__disable" onClick={onDisable}>
                停用账号
              </PlainButton>
            ))}
          {g.canRevoke && (
            <PlainButton tone="danger" className="grant-card__revoke" onClick={onRevoke}>
              撤销授权
            </PlainButton>
          )}
        </View>
      )}
    </View>
  );
}
