import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { INVITATION_CODE, ROLE_LABELS, api, type InvitationPreview, type InvitationStatus } from '@gongzhi/shared';
import { ApiClientError, call, messageOf } from '../../../services/api';
import { hasStaffRole } from '../../../services/access';
import { openedWith } from '../../../services/links';
import { ADMIN_URL, HOME_URL, MINE_URL, saveUser } from '../../../services/session';
import { placeText, untilText } from '../../../services/grant-words';
import { useRemote } from '../../../hooks/useRemote';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { ErrorState, LoadingCards } from '../../../components/PageState';
import { dateTime } from '../../admin/lib/format';
import { ActionBar, Banner, Card, InfoRow, PlainButton } from '../../admin/components/ui';
import { TextField } from '../../admin/components/form';
import { Hero, Notice } from '../kit/Notice';
import '../../admin/components/ui.scss';
import './index.scss';

const home = () => void Taro.switchTab({ url: HOME_URL });
const toWork = () => void Taro.switchTab({ url: ADMIN_URL });

/** Why an invitation can no longer be accepted, and what to do instead. */
const CLOSED: Record<Exclude<InvitationStatus, 'open'>, { symbol: string; title: string; text: string }> = {
  expired: { symbol: '⌛', title: '这个邀请已过期', text: '请联系邀请人重新发一个邀请给您。' },
  accepted: {
    symbol: '!',
    title: '这个邀请已经被使用过了',
    text: '每个邀请只能用一次。如果不是您本人接受的，请联系邀请人。',
  },
  cancelled: { symbol: '✕', title: '这个邀请已被作废', text: '邀请人已经收回了这个邀请，如有疑问请联系邀请人。' },
};

function Closed({ preview }: { preview: InvitationPreview }) {
  if (preview.status === 'open') return null;
  // Accepted by this person: it is theirs, not "used by someone".
  if (preview.alreadyHeld) return <Held preview={preview} />;
  const c = CLOSED[preview.status];
  return (
    <Notice symbol={c.symbol} tone="alert" title={c.title} text={`${c.text}（邀请人：${preview.invitedBy}）`}>
      <Button type="primary" shape="round" block onClick={home}>
        回到首页
      </Button>
    </Notice>
  );
}

function Held({ preview }: { preview: InvitationPreview }) {
  return (
    <Notice
      symbol="✔"
      tone="done"
      className="invite-held"
      title="您已经担任这个岗位"
      text={`您已经是 ${preview.place.name} 的 ${ROLE_LABELS[preview.role]}，不需要再接受一次。`}
    >
      <Button type="primary" shape="round" block onClick={toWork}>
        去管理工作台
      </Button>
    </Notice>
  );
}

/**
 * 接受邀请: what the invitee sees after scanning the mini-program code or opening the link — which
 * post, where, what it involves, who invites and until when — then 接受 or 暂不. Signing in comes
 * first (and brings the person back here).
 */
export default function InvitePage() {
  const { params } = useRouter();
  const code = openedWith(params, 'code')?.trim().toUpperCase() ?? '';
  const valid = INVITATION_CODE.test(code);
  const signedIn = useSignedIn();
  const preview = useRemote(() => call(api.grants.previewInvitation, { params: { code } }), [code], signedIn && valid);
  const [busy, setBusy] = useState(false);
  const [banner, setBanner] = useState<string | null>(null);
  // A first sign-in is still 微信用户: a post needs the person's real name.
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | undefined>();

  if (!signedIn) return <View className="page" />;
  if (!valid) {
    return (
      <View className="page invite-page">
        <Notice
          symbol="?"
          tone="alert"
          title="邀请码不完整"
          text="请重新扫描邀请人给您的小程序码，或重新打开完整的邀请链接。"
        >
          <Button type="primary" shape="round" block onClick={home}>
            回到首页
          </Button>
        </Notice>
      </View>
    );
  }

  const accept = async () => {
    if (busy) return;
    setBusy(true);
    setBanner(null);
    setNameError(undefined);
    try {
      const body = preview.data?.askName ? { code, name: name.trim() } : { code };
      const { user } = await call(api.grants.acceptInvitation, { body });
      // The new post shows at once: tab bar, 管理 and 我的 read the saved user.
      saveUser(user);
      void Taro.showToast({ title: '已接受邀请', icon: 'success' });
      void Taro.switchTab({ url: hasStaffRole(user.roles) ? ADMIN_URL : MINE_URL });
    } catch (e) {
      const fieldError = e instanceof ApiClientError ? e.fields.find((f) => f.path === 'body.name') : undefined;
      if (fieldError) setNameError(fieldError.message);
      else setBanner(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const p = preview.data;
  return (
    <View className="page invite-page">
      {preview.loading && !p && <LoadingCards count={2} />}
      {preview.error && !preview.loading && (
        <ErrorState
          message={preview.error}
          onRetry={preview.errorCode === 'NOT_FOUND' ? undefined : () => void preview.reload()}
          fallback={{ text: '回到首页', onClick: home }}
        />
      )}
      {p && !preview.error && p.status !== 'open' && <Closed preview={p} />}
      {p && !preview.error && p.status === 'open' && p.alreadyHeld && <Held preview={p} />}
      {p && !preview.error && p.status === 'open' && !p.alreadyHeld && (
        <>
          <Hero
            over={`${p.invitedBy} 邀请您担任`}
            main={`${p.place.name} 的 ${ROLE_LABELS[p.role]}`}
            under={placeText(p.place)}
          />
          <View className="account-body">
            <Card className="invite-duty">
              <Text className="account-lead">
                {'邀请您担任 '}
                <Text className="account-lead__strong">{p.place.name}</Text>
                {' 的 '}
                <Text className="account-lead__strong">{ROLE_LABELS[p.role]}</Text>
                {`：${p.duty}。`}
              </Text>
              {p.resource && (
                <Text className="invite-duty__resource">{`您将以「${p.resource.name}」的身份，接收派给您的居民需求。`}</Text>
              )}
            </Card>
            <Card className="invite-facts">
              <InfoRow label="邀请人">
                <Text>{p.invitedBy}</Text>
              </InfoRow>
              {p.note && (
                <InfoRow label="备注">
                  <Text>{p.note}</Text>
                </InfoRow>
              )}
              <InfoRow label="任职期限">
                <Text>{untilText(p.until)}</Text>
              </InfoRow>
              <InfoRow label="邀请截止">
                <Text>{`${dateTime(p.expiresAt)}，过期后需要重新邀请`}</Text>
              </InfoRow>
            </Card>
            {p.askName && (
              <Card className="invite-name">
                <TextField
                  label="您的姓名"
                  required
                  className="invite-name__field"
                  value={name}
                  onInput={(v) => {
                    setName(v);
                    setNameError(undefined);
                  }}
                  placeholder="同事和居民会看到这个名字"
                  maxlength={20}
                  error={nameError}
                />
              </Card>
            )}
            <Text className="account-note">
              {p.role === 'servicePerson'
                ? '接受后，社区派给您的居民需求会出现在「我的 › 待我服务」里。'
                : '接受后，您在「管理」里就能处理这个岗位的工作。'}
              岗位可以由邀请人或上级撤销，撤销后会立即失效。
            </Text>
            <View className="invite-banner">
              <Banner message={banner} />
            </View>
          </View>
          <ActionBar>
            <PlainButton className="invite-later" onClick={home}>
              暂不
            </PlainButton>
            <Button className="invite-accept" type="primary" loading={busy} onClick={() => void accept()}>
              接受邀请
            </Button>
          </ActionBar>
        </>
      )}
    </View>
  );
}
