import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { api } from '@gongzhi/shared';
import { call } from '../../../services/api';
import { openedWith } from '../../../services/links';
import { ADMIN_URL, HOME_URL, saveUser } from '../../../services/session';
import { useRemote } from '../../../hooks/useRemote';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { ErrorState, LoadingCards } from '../../../components/PageState';
import { useSubmit } from '../../admin/lib/useSubmit';
import { TextField } from '../../admin/components/form';
import { ActionBar, Banner, Card } from '../../admin/components/ui';
import { Hero, Notice } from '../kit/Notice';
import '../../admin/components/ui.scss';
import './index.scss';

/**
 * 首次开通: on a new server, whoever holds the one-time code printed at start-up enters it with the
 * county's name and their own, and becomes the first county administrator.
 */
export default function SetupPage() {
  const { params } = useRouter();
  const signedIn = useSignedIn();
  const status = useRemote(() => call(api.grants.getSetupStatus), [], signedIn);
  const [draft, setDraft] = useState(() => ({ code: openedWith(params, 'code') ?? '', countyName: '', name: '' }));
  const submit = useSubmit();

  if (!signedIn) return <View className="page" />;

  // Typing clears the messages of the last try: they spoke of what was there before.
  const set = (patch: Partial<typeof draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    if (submit.banner) submit.reset();
  };
  const claim = async () => {
    const body = submit.validate(api.grants.claimSetup.body!, draft);
    if (!body) return;
    const ok = await submit.send(async () => {
      const { user } = await call(api.grants.claimSetup, { body });
      saveUser(user);
    });
    if (!ok) return;
    void Taro.showToast({ title: '开通成功', icon: 'success' });
    void Taro.switchTab({ url: ADMIN_URL });
  };

  return (
    <View className="page setup-page">
      {status.loading && !status.data && <LoadingCards count={2} />}
      {status.error && !status.loading && <ErrorState message={status.error} onRetry={() => void status.reload()} />}
      {status.data && !status.data.needed && (
        <Notice
          symbol="✔"
          tone="done"
          title="系统已经开通"
          text="本县的县级管理员已经设好了。如果您是工作人员，请向县级管理员或上级索取邀请。"
        >
          <Button type="primary" shape="round" block onClick={() => void Taro.switchTab({ url: HOME_URL })}>
            回到首页
          </Button>
        </Notice>
      )}
      {status.data?.needed && (
        <>
          <Hero over="首次开通" main="成为本县第一位县级管理员" under="开通后，您可以邀请街道、部门和社区的工作人员" />
          <View className="setup-body">
            <Card>
              <Banner message={submit.banner} />
              <TextField
                label="开通码"
                required
                className="setup-code"
                value={draft.code}
                onInput={(code) => set({ code })}
                placeholder="XXXX-XXXX-XXXX"
                maxlength={14}
                error={submit.errors.code}
                hint="服务器第一次启动时打印的 12 位开通码，24 小时内有效，只能用一次"
              />
              <TextField
                label="县（区）名称"
                required
                className="setup-county"
                value={draft.countyName}
                onInput={(countyName) => set({ countyName })}
                placeholder="例如：示范县"
                maxlength={20}
                error={submit.errors.countyName}
              />
              <TextField
                label="您的姓名"
                required
                className="setup-name"
                value={draft.name}
                onInput={(name) => set({ name })}
                placeholder="工作人员会看到这个名字"
                maxlength={20}
                error={submit.errors.name}
              />
            </Card>
            <Text className="account-note">开通码只能用一次。如果不是您负责开通，请不要填写。</Text>
          </View>
          <ActionBar>
            <Button className="setup-submit" type="primary" loading={submit.saving} onClick={() => void claim()}>
              开通并成为县级管理员
            </Button>
          </ActionBar>
        </>
      )}
    </View>
  );
}
