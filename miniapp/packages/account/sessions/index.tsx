import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { api } from '@gongzhi/shared';
import { call, messageOf } from '../../../services/api';
import { LOGIN_URL, clearSession } from '../../../services/session';
import { useRemote } from '../../../hooks/useRemote';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { dateTime } from '../../admin/lib/format';
import { confirmDanger } from '../../admin/lib/useSubmit';
import { PlainButton, Tag } from '../../admin/components/ui';
import { AdminList, useListPage, wholeList } from '../../admin/components/AdminList';
import '../../admin/components/ui.scss';
import './index.scss';

type Session = { id: string; browser: string; signedInAt: string; expiresAt: string; current: boolean };

/** 我登录的网页版: the browsers signed in by scanning, each of which can be signed out from here. */
export default function SessionsPage() {
  const signedIn = useSignedIn();
  const remote = useRemote(async () => (await call(api.auth.listBrowserSessions)).items, [], signedIn);
  const list = wholeList(remote, (items) => items);
  useListPage(list, { reloadOnShow: true });

  const end = async (s: Session) => {
    const sure = await confirmDanger(
      '让这个网页版下线？',
      `${s.browser}（${dateTime(s.signedInAt)} 登录）会立即退出，要再用需要重新扫码。`,
      '下线',
    );
    if (!sure) return;
    try {
      await call(api.auth.endBrowserSession, { params: { id: s.id } });
      if (s.current) {
        // This very browser: it is signed out now.
        clearSession();
        void Taro.reLaunch({ url: LOGIN_URL });
        return;
      }
      void Taro.showToast({ title: '已下线', icon: 'success' });
      await remote.reload();
    } catch (e) {
      void Taro.showToast({ title: messageOf(e), icon: 'none' });
    }
  };

  if (!signedIn) return <View className="page" />;
  return (
    <View className="page sessions-page">
      <Text className="sessions-page__intro">
        在电脑上打开共治通网页版，用小程序「扫一扫」确认后即可登录。不是您本人登录的，请马上让它下线。
      </Text>
      <AdminList
        list={list}
        empty={{ text: '没有登录中的网页版', hint: '网页版登录 12 小时后会自动退出' }}
        render={(s: Session) => (
          <View key={s.id} className="browser-session">
            <View className="browser-session__icon">
              <Text>💻</Text>
            </View>
            <View className="browser-session__body">
              <View className="browser-session__line">
                <Text className="browser-session__name">{s.browser}</Text>
                {s.current && <Tag tone="green">当前</Tag>}
              </View>
              <Text className="browser-session__meta">{`${dateTime(s.signedInAt)} 登录`}</Text>
              <Text className="browser-session__meta">{`${dateTime(s.expiresAt)} 自动退出`}</Text>
            </View>
            <PlainButton tone="danger" className="browser-session__end" onClick={() => void end(s)}>
              下线
            </PlainButton>
          </View>
        )}
      />
    </View>
  );
}
