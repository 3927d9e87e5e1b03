import Taro from '@tarojs/taro';
import { View, Text, Image } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { api, type InvitationView } from '@gongzhi/shared';
import { call } from '../../../services/api';
import { dayText, postText } from '../../../services/grant-words';
import { useRemote } from '../../../hooks/useRemote';
import { ErrorState, LoadingCards } from '../../../components/PageState';
import { Sheet } from '../../admin/components/ui';

const isH5 = process.env.TARO_ENV === 'h5';

/** Copies the link: the mini-program's clipboard, or the browser's (Taro's H5 fallback without it). */
async function copy(link: string) {
  if (isH5 && typeof navigator !== 'undefined' && navigator.clipboard?.writeText) {
    try {
      await navigator.clipboard.writeText(link);
      void Taro.showToast({ title: '链接已复制', icon: 'success' });
      return;
    } catch {
      // Not allowed here (no focus, plain http): Taro's copy below still works.
    }
  }
  await Taro.setClipboardData({ data: link });
  void Taro.showToast({ title: '链接已复制', icon: 'success' });
}

/**
 * How to hand an invitation over: the mini-program code to scan in WeChat, the QR code of the link
 * (any phone camera or browser), and the link itself to copy into a chat.
 */
export function ShareSheet({
  id,
  invitation,
  onClose,
}: {
  id: string | null;
  invitation: InvitationView | null;
  onClose: () => void;
}) {
  const share = useRemote(() => call(api.grants.shareInvitation, { params: { id: id! } }), [id], !!id);
  const s = share.data;
  return (
    <Sheet open={!!id} title="把邀请发给对方" onClose={onClose} className="share-sheet">
      {invitation && (
        <Text className="share-sheet__what">
          {`${postText(invitation.role, invitation.place)}${invitation.note ? ` · ${invitation.note}` : ''} · ${dayText(invitation.expiresAt)} 前有效，只能用一次`}
        </Text>
      )}
      {share.loading && !s && <LoadingCards count={1} />}
      {share.error && !share.loading && <ErrorState message={share.error} onRetry={() => void share.reload()} />}
      {s && !share.error && (
        <>
          <View className="share-sheet__codes">
            <View className="share-sheet__code share-sheet__code--wx">
              {s.wxacode ? (
                <Image className="share-sheet__image" src={s.wxacode} mode="aspectFit" />
              ) : (
                <Text className="share-sheet__none">{s.wxacodeError ?? '暂时没有小程序码'}</Text>
              )}
              <Text className="share-sheet__caption">小程序码：用微信扫一扫</Text>
            </View>
            <View className="share-sheet__code share-sheet__code--link">
              <Image className="share-sheet__image" src={s.linkQr} mode="aspectFit" />
              <Text className="share-sheet__caption">链接二维码：手机相机或浏览器扫</Text>
            </View>
          </View>
          <Text className="share-sheet__link" selectable userSelect>
            {s.link}
          </Text>
          <Button type="primary" block className="share-sheet__copy" onClick={() => void copy(s.link)}>
            复制链接
          </Button>
          <Text className="share-sheet__hint">
            可以把小程序码截图、或把链接发到对方微信。对方打开后登录，点「接受邀请」即可上岗。
          </Text>
        </>
      )}
    </Sheet>
  );
}
