import { useEffect, useState } from 'react';
import Taro, { useReachBottom, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { View, Text, Picker } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  INVITATION_STATUSES,
  INVITATION_STATUS_LABELS,
  ROLE_LABELS,
  api,
  type InvitationStatus,
  type InvitationView,
} from '@gongzhi/shared';
import { call, messageOf } from '../../../services/api';
import { dayText, placeText, postText, untilText } from '../../../services/grant-words';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { useAdminAccess } from '../../../hooks/useAdminAccess';
import { AdminForbidden } from '../../../components/AdminForbidden';
import { usePaged } from '../../admin/lib/usePaged';
import { confirmDanger } from '../../admin/lib/useSubmit';
import { ActionBar, PlainButton, Tag, type Tone } from '../../admin/components/ui';
import { AdminList } from '../../admin/components/AdminList';
import { INVITATION_MADE } from '../lib/events';
import { ShareSheet } from './ShareSheet';
import '../../admin/components/ui.scss';
import '../access.scss';

const TONE: Record<InvitationStatus, Tone> = { open: 'blue', accepted: 'green', expired: 'grey', cancelled: 'grey' };

function InvitationCard({
  inv,
  onShare,
  onCancel,
}: {
  inv: InvitationView;
  onShare: () => void;
  onCancel: () => void;
}) {
  return (
    <View className={`invitation-card invitation-card--${inv.status}`}>
      <View className="invitation-card__top">
        <Tag tone="brand">{ROLE_LABELS[inv.role]}</Tag>
        <Text className="invitation-card__place">{placeText(inv.place)}</Text>
        <Tag tone={TONE[inv.status]}>{INVITATION_STATUS_LABELS[inv.status]}</Tag>
      </View>
      {(inv.note || inv.resource) && (
        <Text className="invitation-card__note">
          {[inv.note, inv.resource ? `作为「${inv.resource.name}」` : ''].filter(Boolean).join(' · ')}
        </Text>
      )}
      <Text className="invitation-card__line">
        {`${inv.createdBy.name} ${dayText(inv.createdAt)} 发出 · ${inv.status === 'open' ? `${dayText(inv.expiresAt)} 前有效` : untilText(inv.until)}`}
      </Text>
      {inv.acceptedBy && (
        <Text className="invitation-card__line invitation-card__line--done">
          {`${inv.acceptedBy.name} ${inv.acceptedAt ? dayText(inv.acceptedAt) : ''} 已接受`}
        </Text>
      )}
      {inv.status === 'open' && (
        <View className="invitation-card__actions">
          <PlainButton className="invitation-card__cancel" onClick={onCancel}>
            作废
          </PlainButton>
          <PlainButton tone="brand" className="invitation-card__share" onClick={onShare}>
            分享邀请
          </PlainButton>
        </View>
      )}
    </View>
  );
}

/** 我发出的邀请 (and those sent within the caller's oversight): status, sharing an open one, 作废. */
export default function InvitationsPage() {
  const { params } = useRouter();
  const signedIn = useSignedIn();
  const access = useAdminAccess();
  const allowed = access.can(api.grants.listInvitations);
  const [status, setStatus] = useState<InvitationStatus | null>(null);
  const [sharing, setSharing] = useState<string | null>(params.share ?? null);
  const list = usePaged(
    (page) => call(api.grants.listInvitations, { query: { status: status ?? undefined, page, pageSize: 20 } }),
    [status],
    signedIn && allowed,
  );
  useReachBottom(() => void list.more());
  usePullDownRefresh(() => void list.reload().finally(() => Taro.stopPullDownRefresh()));

  // The form made one: show it in the list and open its share view.
  const { reload } = list;
  useEffect(() => {
    const made = (id: string) => {
      void reload();
      setSharing(id);
    };
    Taro.eventCenter.on(INVITATION_MADE, made);
    return () => void Taro.eventCenter.off(INVITATION_MADE, made);
  }, [reload]);

  if (!signedIn) return <View className="page" />;
  if (!allowed) return <AdminForbidden detail="您现在的岗位不能邀请其他工作人员。" />;

  const cancel = async (inv: InvitationView) => {
    const sure = await confirmDanger(
      '作废这个邀请？',
      `邀请担任 ${postText(inv.role, inv.place)}${inv.note ? `（${inv.note}）` : ''} 的邀请作废后，对方就不能再接受了。`,
      '作废',
    );
    if (!sure) return;
    try {
      await call(api.grants.cancelInvitation, { params: { id: inv.id } });
      void Taro.showToast({ title: '已作废', icon: 'success' });
      await list.reload();
    } catch (e) {
      void Taro.showToast({ title: messageOf(e), icon: 'none' });
    }
  };

  const range = ['全部', ...INVITATION_STATUSES.map((s) => INVITATION_STATUS_LABELS[s])];
  return (
    <View className="page access-page invitations-page">
      <View className="access-filters">
        <Picker
          mode="selector"
          range={range}
          value={status ? INVITATION_STATUSES.indexOf(status) + 1 : 0}
          onChange={(e) => {
            const i = Number(e.detail.value);
            setStatus(i === 0 ? null : INVITATION_STATUSES[i - 1]);
          }}
        >
          <View className={`access-filter ${status ? 'access-filter--on' : ''}`}>
            <Text>{`${status ? INVITATION_STATUS_LABELS[status] : '全部状态'} ▾`}</Text>
          </View>
        </Picker>
        <View
          className="access-filter access-filter--link"
          onClick={() => void Taro.navigateTo({ url: '/packages/access/grants/index' })}
        >
          <Text>人员与授权 ›</Text>
        </View>
      </View>
      <AdminList
        list={list}
        skeletonOnReload
        empty={{ text: '还没有发出邀请', hint: '点下方「新邀请」，选身份和地方，把邀请发给要上岗的人' }}
        render={(inv) => (
          <InvitationCard key={inv.id} inv={inv} onShare={() => setSharing(inv.id)} onCancel={() => void cancel(inv)} />
        )}
      />
      <ActionBar>
        <Button
          type="primary"
          className="invitations-new"
          onClick={() => void Taro.navigateTo({ url: '/packages/access/invite/index' })}
        >
          新邀请
        </Button>
      </ActionBar>
      <ShareSheet
        id={sharing}
        invitation={list.items.find((i) => i.id === sharing) ?? null}
        onClose={() => setSharing(null)}
      />
    </View>
  );
}
