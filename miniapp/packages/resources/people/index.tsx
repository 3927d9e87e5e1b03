import { useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { View, Text, Image } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  RESOURCE_KIND_LABELS,
  api,
  isPeopleKind,
  type InvitationView,
  type ResourceView,
  type z,
} from '@gongzhi/shared';
import { call, messageOf } from '../../../services/api';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { useRemote } from '../../../hooks/useRemote';
import { useAdminAccess } from '../../../hooks/useAdminAccess';
import { AdminForbidden } from '../../../components/AdminForbidden';
import { EmptyState, ErrorState, LoadingCards } from '../../../components/PageState';
import { requestKey } from '../../../components/ResidentKit';
import { Sheet, Tag } from '../../admin/components/ui';
import { dateTime } from '../../admin/lib/format';
import { AddPersonSheet } from './AddPersonSheet';
import '../../admin/components/ui.scss';
import './index.scss';

type Share = z.infer<typeof api.grants.shareInvitation.response>;

/** The unit's people (律师、教师、医生…) with their account state, and the open invitations by person. */
async function loadPeople() {
  const [resources, invitations] = await Promise.all([
    call(api.resources.listResources, { query: { managed: 'true', pageSize: 100 } }),
    call(api.grants.listInvitations, { query: { status: 'open', pageSize: 100 } }),
  ]);
  const open = new Map<string, InvitationView>();
  for (const inv of invitations.items) if (inv.resource && inv.role === 'servicePerson') open.set(inv.resource.id, inv);
  const people = resources.items.filter((r) => isPeopleKind(r.kind) && r.unit && r.active);
  return { people, open };
}

function PersonCard({
  person,
  invitation,
  busy,
  onInvite,
  onShow,
}: {
  person: ResourceView;
  invitation: InvitationView | undefined;
  busy: boolean;
  onInvite: () => void;
  onShow: (inv: InvitationView) => void;
}) {
  return (
    <View className="unit-person" data-id={person.id}>
      <View className="unit-person__top">
        <Text className="unit-person__name">{person.name}</Text>
        <Tag tone="blue">{RESOURCE_KIND_LABELS[person.kind]}</Tag>
      </View>
      {person.skills.length > 0 && <Text className="unit-person__skills">{person.skills.join(' · ')}</Text>}
      {person.hasAccount ? (
        <View className="unit-person__state unit-person__state--on">
          <Text>✓ 已开通：社区派给本人的需求直接发到他的手机上</Text>
        </View>
      ) : invitation ? (
        <View className="unit-person__state unit-person__state--waiting">
          <Text>{`已邀请，等待本人接受（${dateTime(invitation.expiresAt)} 前有效）`}</Text>
          <Text className="unit-person__link" onClick={() => onShow(invitation)}>
            查看邀请码
          </Text>
        </View>
      ) : (
        <View className="unit-person__state">
          <Text>未开通：派给本人的需求由您转告</Text>
          <Button
            className="unit-person__invite"
            type="primary"
            shape="round"
            size="small"
            disabled={busy}
            onClick={onInvite}
          >
            邀请本人使用小程序
          </Button>
        </View>
      )}
    </View>
  );
}

function ShareSheet({ invitation, onClose }: { invitation: InvitationView | null; onClose: () => void }) {
  const share = useRemote<Share>(
    () => call(api.grants.shareInvitation, { params: { id: invitation!.id } }),
    [invitation?.id],
    !!invitation,
  );
  return (
    <Sheet open={!!invitation} title="邀请本人使用小程序" className="share-sheet" onClose={onClose}>
      <Text className="share-sheet__who">{`${invitation?.resource?.name ?? ''}：请本人用微信扫码，登录后接受邀请`}</Text>
      {share.loading && <LoadingCards count={1} />}
      {share.error && !share.loading && <ErrorState message={share.error} onRetry={() => void share.reload()} />}
      {share.data && (
        <>
          <View className="share-sheet__codes">
            <View className="share-sheet__code">
              {share.data.wxacode ? (
                <Image className="share-sheet__img" src={share.data.wxacode} mode="aspectFit" />
              ) : (
                <Text className="share-sheet__missing">
                  {share.data.wxacodeError ?? '小程序码暂时生成不了，请用右边的二维码或链接'}
                </Text>
              )}
              <Text className="share-sheet__label">微信扫一扫（小程序码）</Text>
            </View>
            <View className="share-sheet__code">
              <Image className="share-sheet__img" src={share.data.linkQr} mode="aspectFit" />
              <Text className="share-sheet__label">手机扫码打开链接</Text>
            </View>
          </View>
          <Text className="share-sheet__link" selectable>
            {share.data.link}
          </Text>
          <View
            className="share-sheet__copy"
            onClick={() => void Taro.setClipboardData({ data: share.data!.link }).catch(() => undefined)}
          >
            <Text>复制链接，发给本人</Text>
          </View>
          <Text className="share-sheet__hint">邀请只能使用一次；本人接受后，这里会显示“已开通”。</Text>
        </>
      )}
    </Sheet>
  );
}

/** 本单位服务人员: a unit admin sees who uses the mini-program and invites the rest (servicePerson at the unit). */
export default function UnitPeoplePage() {
  const signedIn = useSignedIn();
  const access = useAdminAccess();
  const allowed = access.roles.includes('unitAdmin') && access.can(api.grants.createInvitation);
  const list = useRemote(loadPeople, [], signedIn && allowed);
  const [busy, setBusy] = useState<string | null>(null);
  const [shown, setShown] = useState<InvitationView | null>(null);
  const [adding, setAdding] = useState(false);

  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh());
  });

  async function invite(person: ResourceView) {
    const { confirm } = await Taro.showModal({
      title: '邀请本人',
      content: `为「${person.name}」生成邀请，有效期 7 天，只能使用一次。本人接受后，社区派给他的需求会直接发到他的手机上。`,
      confirmText: '生成邀请',
      cancelText: '再想想',
      confirmColor: '#D42A1F',
    });
    if (!confirm) return;
    setBusy(person.id);
    try {
      const inv = await call(api.grants.createInvitation, {
        body: {
          role: 'servicePerson',
          placeId: person.unit!.id,
          resourceId: person.id,
          note: `给${person.name.replace(/[（(].*$/, '')}`.slice(0, 40),
        },
        header: { 'Idempotency-Key': requestKey() },
      });
      setShown(inv);
      void list.reload();
    } catch (e) {
      void Taro.showModal({ title: '没有成功', content: messageOf(e), showCancel: false, confirmText: '知道了' });
    } finally {
      setBusy(null);
    }
  }

  if (!signedIn) return <View className="page" />;
  if (!allowed) {
    return (
      <View className="page admin-page">
        <AdminForbidden detail={access.staff ? '这里是驻区单位管理员管理本单位服务人员的页面。' : undefined} />
      </View>
    );
  }
  const people = list.data?.people ?? [];
  const accounts = people.filter((p) => p.hasAccount).length;
  return (
    <View className="page unit-people">
      <View className="unit-people__head">
        <Text className="unit-people__title">本单位服务人员</Text>
        <Text className="unit-people__sub">
          {list.data
            ? `共 ${people.length} 人，${accounts} 人已开通小程序`
            : '律师、教师、医生等，开通后可直接接单服务'}
        </Text>
        <Text className="unit-people__add" onClick={() => setAdding(true)}>
          ＋ 添加人员
        </Text>
      </View>
      {list.loading && !list.data && <LoadingCards count={3} />}
      {list.error && !list.loading && <ErrorState message={list.error} onRetry={() => void list.reload()} />}
      {list.data && people.length === 0 && (
        <EmptyState
          text="本单位还没有登记服务人员"
          hint="点上面的“添加人员”，登记本单位的律师、医生、教师，再邀请本人使用小程序"
        />
      )}
      {people.map((p) => (
        <PersonCard
          key={p.id}
          person={p}
          invitation={list.data?.open.get(p.id)}
          busy={busy === p.id}
          onInvite={() => void invite(p)}
          onShow={setShown}
        />
      ))}
      <ShareSheet invitation={shown} onClose={() => setShown(null)} />
      <AddPersonSheet
        open={adding}
        onClose={() => setAdding(false)}
        onAdded={(person) => {
          setAdding(false);
          void list.reload();
          void invite(person);
        }}
      />
    </View>
  );
}
