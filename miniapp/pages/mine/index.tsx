import { useRef, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { ORG_KIND_LABELS, ROLE_LABELS, api, type OrgRef, type SessionUser } from '@gongzhi/shared';
import { call } from '../../services/api';
import { loadMe } from '../../services/me';
import { JOIN_URL, LOGIN_URL, clearSession } from '../../services/session';
import { useRemote } from '../../hooks/useRemote';
import { useSignedIn } from '../../hooks/useSignedIn';
import { ErrorState, LoadingCards } from '../../components/PageState';
import { AccountRows, Posts } from './Account';
import { Entries } from './Entries';
import { PointsCard } from './PointsCard';
import { NotificationList, useNotifications } from './Notifications';
import './index.scss';

const PHONE_URL = '/packages/account/phone/index';
const LINK_URL = '/packages/account/link/index';

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

function InfoRow({ label, value, action, url }: { label: string; value: string; action?: string; url?: string }) {
  if (!action || !url)
    return (
      <View className="mine-info__row">
        <Text className="mine-info__label">{label}</Text>
        <Text className="mine-info__value">{value}</Text>
      </View>
    );
  // With an action the value gets its own line: an address is long on a small phone.
  return (
    <View className="mine-info__row mine-info__row--stacked">
      <View className="mine-info__top">
        <Text className="mine-info__label">{label}</Text>
        <Text className="mine-info__action" onClick={() => void Taro.navigateTo({ url })}>
          {action} ›
        </Text>
      </View>
      <Text className="mine-info__value mine-info__value--own-line">{value}</Text>
    </View>
  );
}

/** 南门社区 · 南门小区 · 1号楼 */
function homeText(home: SessionUser['home']): string {
  return home
    ? [home.community.name, home.complex?.name, home.building?.name].filter(Boolean).join(' · ')
    : '还没有选择';
}

/** A WeChat account that is nobody on the rosters yet: it may be someone the community registered. */
const mayLink = (me: SessionUser) => me.posts.length === 0 && me.roles.every((r) => r === 'resident');

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
  // A browser's sign-in ends on the server too; the mini-program's token is simply forgotten.
  await call(api.auth.signOut).catch(() => undefined);
  clearSession();
  void Taro.reLaunch({ url: LOGIN_URL });
}

export default function MinePage() {
  const signedIn = useSignedIn();
  // Read fresh on every return (and saved): a post granted or revoked shows without signing in again.
  const me = useRemote(loadMe, [], signedIn);
  const setup = useRemote(() => call(api.grants.getSetupStatus), [], signedIn);
  const messages = useNotifications(signedIn);
  // Bumped on return to the tab and on pull-down: points change after a redemption or confirmed hours.
  const [version, setVersion] = useState(0);

  // Coming back to the tab (e.g. from an order that changed): fresh messages and unread count.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current && signedIn) {
      // Back from binding a phone or moving: the profile changed.
      void me.reload();
      void setup.reload();
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
            <Posts posts={me.data.posts} />
            <Entries roles={me.data.roles} version={version} />
            <AccountRows setupNeeded={!!setup.data?.needed} />
            <NotificationList state={messages} />
            <View className="mine-info">
              <InfoRow
                label="住址"
                value={homeText(me.data.home)}
                action={me.data.home ? '搬家/更换' : '去选择'}
                url={JOIN_URL}
              />
              {/* Staff work somewhere else than they live: their post's place says where they work. */}
              {me.data.posts.length > 0 && me.data.org && <InfoRow label="所属组织" value={orgLabel(me.data.org)} />}
              <InfoRow
                label="手机号"
                value={me.data.phone ?? '未绑定'}
                action={me.data.phone ? '更换' : '绑定手机号'}
                url={PHONE_URL}
              />
            </View>
            {mayLink(me.data) && (
              <View
                className="mine-card mine-link"
                hoverClass="mine-link--pressed"
                onClick={() => void Taro.navigateTo({ url: LINK_URL })}
              >
                <Text className="mine-link__text">我已在社区登记过：志愿者 / 党员 / 社区工作人员</Text>
                <Text className="mine-link__arrow">›</Text>
              </View>
            )}
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
