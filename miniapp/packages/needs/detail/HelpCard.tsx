import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { api, callCommunityWords, type NeedDetail } from '@gongzhi/shared';
import { call, messageOf } from '../../../services/api';
import './help.scss';

/** The community's phone, tap to call, with its office hours. */
export function CallCommunity({ community }: { community: NeedDetail['community'] }) {
  if (!community?.phone) return null;
  const phone = community.phone;
  return (
    <View className="need-help__call" onClick={() => void Taro.makePhoneCall({ phoneNumber: phone }).catch(() => {})}>
      <Text className="need-help__call-icon">📞</Text>
      <View className="need-help__call-body">
        <Text className="need-help__call-title">{`拨打${community.name}电话`}</Text>
        <Text className="need-help__call-number">{phone}</Text>
        {community.officeHours && <Text className="need-help__call-hours">{`办公时间：${community.officeHours}`}</Text>}
      </View>
    </View>
  );
}

/** When the order is late or refused: what the resident can do about it (催办, call the community). */
export function HelpCard({ need, onChange }: { need: NeedDetail; onChange: (n: NeedDetail | null) => void }) {
  const [busy, setBusy] = useState(false);
  const canUrge = need.actions.includes('urge');
  const urged = need.timeline.some((e) => e.action === 'urge');
  const rejected = need.status === 'rejected';
  if (!canUrge && !need.overdue && !rejected) return null;

  async function urge() {
    if (busy) return;
    const { confirm } = await Taro.showModal({
      title: '催办',
      content: '我们会提醒社区尽快处理您的点单。每天可以催办一次。',
      confirmText: '催办',
      cancelText: '再想想',
      confirmColor: '#D42A1F',
    });
    if (!confirm) return;
    setBusy(true);
    try {
      onChange(await call(api.needs.urgeNeed, { params: { id: need.id }, body: {} }));
      void Taro.showToast({ title: '已催办', icon: 'success' });
    } catch (e) {
      void Taro.showModal({ title: '没有成功', content: messageOf(e), showCancel: false, confirmText: '知道了' });
      onChange(null);
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="need-card-box need-help">
      <Text className="need-help__text">
        {rejected
          ? `${callCommunityWords(need.community)}。`
          : need.overdue === 'accept'
            ? '这项点单已经超过受理时间，社区还没有受理。'
            : '这项点单已经超过约定的办结时间。'}
      </Text>
      {canUrge ? (
        <Button
          className="need-help__urge"
          type="primary"
          shape="round"
          size="large"
          block
          loading={busy}
          onClick={() => void urge()}
        >
          催办
        </Button>
      ) : (
        urged && !rejected && <Text className="need-help__done">您已催办，社区会尽快处理。明天还可以再催办。</Text>
      )}
      <CallCommunity community={need.community} />
    </View>
  );
}
