import { useRef, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { ORG_KIND_LABELS, ROLE_LABELS, api, type OrgRef, type SessionUser } from '@gongzhi/shared';
import { call } from '../../services/api';
import { LOGIN_URL, clearSession } from '../../services/session';
import { useRemote } from '../../hooks/useRemote';
import { useSignedIn } from '../../hooks/useSignedIn';
import { ErrorState, LoadingCards } from '../../components/PageState';
import { Entries } from './Entries';
import { PointsCard } from './PointsCard';
import { NotificationList, useNotifications } from './Notifications';
import './index.scss';

function Profile({ me }: { me: SessionUser }) {
  return (
    <View className="mine-profile">
      <View className="mine-profile__avatar">
        <Text>{me.name.slice(0, 1)}</Text>
      </View>
      <View className="mine-profile__body">
        <Text className="mine-profile__name">{me.name}</Text>
        <View className="mine-profile__roles">
          {me.roles.map((role) => (
            <Text key={role} className="mine-profile__role">
              {ROLE_LABELS[role]}
            </Text>
          ))}
        </View>
      </View>
    </View>
  );
}

function InfoRow({ label, value }: { label: string; value: string }) {
  return (
    <View className="mine-info__row">
      <Text className="mine-info__label">{label}</Text>
      <Text className="mine-info__value">{value}</Text>
    </View>
  );
}

/** 南门社区 needs no “（社区）”; 城关街道党工委 gets its kind spelled out. */
function orgLabel(org: OrgRef): string {
  const kind = ORG_KIND_LABELS[org.kind];
  return org.name.endsWith(kind) ? org.name : `${org.name}（${kind}）`;
}

async function signOut() {
  const { confirm } = await Taro.showModal({
    title: '退出登录',
    content: '退出后需要重新登录才能使用，确定退出吗？',
    confirmText: '退出',
    cancelText: '再想想',
    confirmColor: '#D42A1F',
  });
  if (!confirm) return;
  clearSession();
  void Taro.reLaunch({ url: LOGIN_URL });
}

export default function MinePage() {
  const signedIn = useSignedIn();
  const me = useRemote(() => call(api.auth.getMe), [], signedIn);
  const messages = useNotifications(signedIn);
  // Bumped on return to the tab and on pull-down: points change after a redemption or confirmed hours.
  const [version, setVersion] = useState(0);

  // Coming back to the tab (e.g. from an order that changed): fresh messages and unread count.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current && signedIn) {
      void messages.reload();
      setVersion((v) => v + 1);
    }
    shown.current = true;
  });
  usePullDownRefresh(() => {
    setVersion((v) => v + 1);
    void Promise.all([me.reload(), messages.reload()]).finally(() => Taro.stopPullDownRefresh());
  });

  return (
    <View className="page mine-page">
      <View className="mine-header" />
      <View className="mine-body">
        {me.loading && !me.data && <LoadingCards count={2} />}
        {me.error && !me.loading && <ErrorState message={me.error} onRetry={() => void me.reload()} />}
        {me.data && !me.error && (
          <>
            <Profile me={me.data} />
            <PointsCard roles={me.data.roles} signedIn={signedIn} version={version} />
            <Entries roles={me.data.roles} version={version} />
            <NotificationList state={messages} />
            <View className="mine-info">
              {/* County and street staff belong to no community: their organisation says where they are. */}
              {(me.data.community || !me.data.org) && (
                <InfoRow label="所在社区" value={me.data.community?.name ?? '未加入社区'} />
              )}
              {me.data.org && <InfoRow label="所属组织" value={orgLabel(me.data.org)} />}
              <InfoRow label="手机号" value={me.data.phone ?? '未绑定'} />
            </View>
          </>
        )}
        {/* Always reachable, even when loading the profile failed. */}
        <View className="mine-logout" hoverClass="mine-logout--pressed" onClick={() => void signOut()}>
          <Text>退出登录</Text>
        </View>
      </View>
    </View>
  );
}
