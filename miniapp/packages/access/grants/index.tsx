import { useState } from 'react';
import Taro, { useReachBottom, usePullDownRefresh } from '@tarojs/taro';
import { View, Text, Picker } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  GRANT_STATUSES,
  GRANT_STATUS_LABELS,
  ROLE_LABELS,
  api,
  grantableRoles,
  type GrantRole,
  type GrantStatus,
  type GrantView,
} from '@gongzhi/shared';
import { call, messageOf } from '../../../services/api';
import { postText } from '../../../services/grant-words';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { useAdminAccess } from '../../../hooks/useAdminAccess';
import { AdminForbidden } from '../../../components/AdminForbidden';
import { usePaged } from '../../admin/lib/usePaged';
import { confirmDanger, useSubmit } from '../../admin/lib/useSubmit';
import { AreaField } from '../../admin/components/form';
import { ActionBar, Banner, PlainButton, Sheet } from '../../admin/components/ui';
import { AdminList } from '../../admin/components/AdminList';
import { usePlaceFilter } from '../lib/usePlaceFilter';
import { GrantCard } from './GrantCard';
import '../../admin/components/ui.scss';
import '../access.scss';

/** The open reason sheet: revoking one post, or stopping a whole account. */
type Pending = { kind: 'revoke' | 'disable'; grant: GrantView } | null;

/**
 * 人员与授权: the posts granted within the caller's oversight, by status, role and place; revoking
 * one (with a reason, after a confirmation) stops it at the person's next request. County
 * administrators may also stop a whole account.
 */
export default function GrantsPage() {
  const signedIn = useSignedIn();
  const access = useAdminAccess();
  const allowed = access.can(api.grants.listGrants);
  const roles = grantableRoles(access.roles);
  const county = access.roles.includes('countyAdmin');
  const [status, setStatus] = useState<GrantStatus>('active');
  const [role, setRole] = useState<GrantRole | null>(null);
  const [placeId, setPlaceId] = useState<string | null>(null);
  const places = usePlaceFilter(access.user?.posts ?? [], signedIn && allowed);
  const list = usePaged(
    (page) =>
      call(api.grants.listGrants, {
        query: { status, role: role ?? undefined, placeId: placeId ?? undefined, page, pageSize: 20 },
      }),
    [status, role, placeId],
    signedIn && allowed,
  );
  useReachBottom(() => void list.more());
  usePullDownRefresh(() => void list.reload().finally(() => Taro.stopPullDownRefresh()));

  const [pending, setPending] = useState<Pending>(null);
  const [reason, setReason] = useState('');
  const [stopped, setStopped] = useState<string[]>([]);
  const submit = useSubmit();

  if (!signedIn) return <View className="page" />;
  if (!allowed) return <AdminForbidden detail="人员与授权只对县、街道、社区的管理人员和驻区单位管理员开放。" />;

  const open = (kind: 'revoke' | 'disable', grant: GrantView) => {
    submit.reset();
    setReason('');
    setPending({ kind, grant });
  };

  const act = async () => {
    if (!pending) return;
    const { kind, grant } = pending;
    const schema = kind === 'revoke' ? api.grants.revokeGrant.body! : api.grants.disableAccount.body!;
    const body = submit.validate(schema, { reason }, { quiet: true });
    if (!body) return;
    const sure =
      kind === 'revoke'
        ? await confirmDanger(
            '撤销这个岗位？',
            `${grant.person.name} 将立即不能再以 ${postText(grant.role, grant.place)} 的身份工作。`,
            '撤销',
          )
        : await confirmDanger(
            '停用这个账号？',
            `${grant.person.name} 将立即无法登录和使用共治通（所有岗位都会失效），之后可以恢复。`,
            '停用',
          );
    if (!sure) return;
    const ok = await submit.send(async () => {
      if (kind === 'revoke') await call(api.grants.revokeGrant, { params: { id: grant.id }, body });
      else await call(api.grants.disableAccount, { params: { id: grant.person.id }, body });
    });
    if (!ok) return;
    setPending(null);
    void Taro.showToast({ title: kind === 'revoke' ? '已撤销' : '账号已停用', icon: 'success' });
    if (kind === 'disable') setStopped((s) => [...s, grant.person.id]);
    await list.reload();
  };

  const enable = async (grant: GrantView) => {
    try {
      await call(api.grants.enableAccount, { params: { id: grant.person.id } });
      setStopped((s) => s.filter((id) => id !== grant.person.id));
      void Taro.showToast({ title: '账号已恢复', icon: 'success' });
    } catch (e) {
      void Taro.showToast({ title: messageOf(e), icon: 'none' });
    }
  };

  const statusIndex = GRANT_STATUSES.indexOf(status);
  const roleRange = ['全部身份', ...roles.map((r) => ROLE_LABELS[r])];
  const placeRange = ['全部地方', ...places.map((p) => p.label)];
  return (
    <View className="page access-page grants-page">
      <View className="access-filters">
        <Picker
          mode="selector"
          range={GRANT_STATUSES.map((s) => GRANT_STATUS_LABELS[s])}
          value={statusIndex}
          onChange={(e) => setStatus(GRANT_STATUSES[Number(e.detail.value)])}
        >
          <View className="access-filter access-filter--on grants-filter-status">
            <Text>{`${GRANT_STATUS_LABELS[status]} ▾`}</Text>
          </View>
        </Picker>
        {roles.length > 1 && (
          <Picker
            mode="selector"
            range={roleRange}
            value={role ? roles.indexOf(role) + 1 : 0}
            onChange={(e) => {
              const i = Number(e.detail.value);
              setRole(i === 0 ? null : roles[i - 1]);
            }}
          >
            <View className={`access-filter ${role ? 'access-filter--on' : ''}`}>
              <Text>{`${role ? ROLE_LABELS[role] : '身份'} ▾`}</Text>
            </View>
          </Picker>
        )}
        {places.length > 0 && (
          <Picker
            mode="selector"
            range={placeRange}
            value={placeId ? places.findIndex((p) => p.id === placeId) + 1 : 0}
            onChange={(e) => {
              const i = Number(e.detail.value);
              setPlaceId(i === 0 ? null : places[i - 1].id);
            }}
          >
            <View className={`access-filter ${placeId ? 'access-filter--on' : ''}`}>
              <Text>{`${placeId ? places.find((p) => p.id === placeId)?.label.replace(/（.*$/, '') : '地方'} ▾`}</Text>
            </View>
          </Picker>
        )}
      </View>
      {!list.loading && !list.error && <Text className="access-count">{`共 ${list.total} 条`}</Text>}
      <AdminList
        list={list}
        skeletonOnReload
        empty={{
          text: status === 'active' ? '还没有人担任岗位' : `没有${GRANT_STATUS_LABELS[status]}的授权`,
          hint: status === 'active' ? '点下方「邀请工作人员」，把邀请发给要上岗的人' : undefined,
        }}
        render={(g) => (
          <GrantCard
            key={g.id}
            grant={g}
            canDisable={county && g.person.id !== access.user?.id}
            disabled={stopped.includes(g.person.id)}
            onRevoke={() => open('revoke', g)}
            onDisable={() => open('disable', g)}
            onEnable={() => void enable(g)}
          />
        )}
      />

      <ActionBar>
        <Button
          type="primary"
          className="grants-invite"
          onClick={() => void Taro.navigateTo({ url: '/packages/access/invitations/index' })}
        >
          邀请工作人员
        </Button>
      </ActionBar>

      <Sheet
        open={!!pending}
        title={pending?.kind === 'disable' ? `停用 ${pending.grant.person.name} 的账号` : '撤销授权'}
        onClose={() => setPending(null)}
        footer={
          <PlainButton
            tone="danger"
            disabled={submit.saving}
            className="grants-sheet__submit"
            onClick={() => void act()}
          >
            {pending?.kind === 'disable' ? '停用账号' : '撤销授权'}
          </PlainButton>
        }
      >
        {pending && (
          <Text className="grants-sheet__what">
            {pending.kind === 'revoke'
              ? `${pending.grant.person.name}：${postText(pending.grant.role, pending.grant.place)}`
              : '停用后此人所有岗位立即失效，也无法登录；可随时恢复。'}
          </Text>
        )}
        <Banner message={submit.banner} />
        <AreaField
          label={pending?.kind === 'disable' ? '停用原因' : '撤销原因'}
          required
          value={reason}
          onInput={(v) => {
            setReason(v);
            if (submit.errors.reason) submit.reset();
          }}
          maxlength={200}
          placeholder={pending?.kind === 'disable' ? '例如：本人已离开本县' : '例如：已调离本社区'}
          error={submit.errors.reason}
        />
      </Sheet>
    </View>
  );
}
