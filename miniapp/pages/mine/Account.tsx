import type { ComponentType } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Internation, Scan, Setting } from '@nutui/icons-react-taro';
import { ROLE_LABELS, type MyPost } from '@gongzhi/shared';
import { scannedTarget } from '../../services/links';
import { placeText, untilText } from '../../services/grant-words';

const isWeapp = process.env.TARO_ENV === 'weapp';

/** 我的岗位: the posts held by grant, where and until when (none: the card is not shown). */
export function Posts({ posts }: { posts: readonly MyPost[] }) {
  if (!posts.length) return null;
  return (
    <View className="mine-card mine-posts">
      <View className="mine-card__head">
        <Text className="mine-card__title">我的岗位</Text>
      </View>
      {posts.map((p) => (
        <View key={p.grantId} className="mine-post">
          <Text className="mine-post__role">{ROLE_LABELS[p.role]}</Text>
          <View className="mine-post__body">
            <Text className="mine-post__place">{placeText(p.place)}</Text>
            <Text className="mine-post__until">{untilText(p.until)}</Text>
          </View>
        </View>
      ))}
    </View>
  );
}

/** 扫一扫: a sign-in code on a computer, or an invitation's code; anything else is said to be foreign. */
async function scan() {
  let found: { result?: string; path?: string };
  try {
    found = await Taro.scanCode({ scanType: ['qrCode'] });
  } catch {
    return; // closed without scanning
  }
  const url = scannedTarget(found);
  if (url) return void Taro.navigateTo({ url });
  void Taro.showModal({
    title: '不是共治通的二维码',
    content: '可以扫电脑上共治通网页版的登录二维码，或工作人员发给您的邀请码。',
    showCancel: false,
    confirmText: '知道了',
  });
}

interface Row {
  key: string;
  icon: ComponentType<{ size?: number | string }>;
  label: string;
  hint: string;
  run: () => void;
}

/** Account rows: 扫一扫 (the mini-program only), 我登录的网页版, and 首次开通 while the server still needs it. */
export function AccountRows({ setupNeeded }: { setupNeeded: boolean }) {
  const rows: Row[] = [
    ...(isWeapp
      ? [{ key: 'scan', icon: Scan, label: '扫一扫', hint: '登录电脑网页版、接受邀请', run: () => void scan() }]
      : []),
    {
      key: 'sessions',
      icon: Internation,
      label: '我登录的网页版',
      hint: '查看并下线',
      run: () => void Taro.navigateTo({ url: '/packages/account/sessions/index' }),
    },
    ...(setupNeeded
      ? [
          {
            key: 'setup',
            icon: Setting,
            label: '首次开通',
            hint: '用开通码成为县级管理员',
            run: () => void Taro.navigateTo({ url: '/packages/account/setup/index' }),
          },
        ]
      : []),
  ];
  return (
    <View className="mine-card mine-account">
      {rows.map((r) => (
        <View
          key={r.key}
          className={`mine-account__row mine-account__row--${r.key}`}
          hoverClass="mine-account__row--pressed"
          onClick={r.run}
        >
          <View className="mine-account__icon">
            <r.icon size={22} />
          </View>
          <Text className="mine-account__label">{r.label}</Text>
          <Text className="mine-account__hint">{r.hint}</Text>
          <Text className="mine-account__arrow">›</Text>
        </View>
      ))}
    </View>
  );
}
