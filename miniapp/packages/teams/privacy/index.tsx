import { useCallback, useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text, Input } from '@tarojs/components';
import { ERASE_CONFIRM_PHRASE, api, chinaWall, type MyDataReader } from '@gongzhi/shared';
import { call, messageOf } from '../../../services/api';
import { LOGIN_URL, clearSession } from '../../../services/session';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { saveJson } from './download';
import '../teams.scss';

/** 我的 → 隐私与数据: download everything held about me; delete my account. */
export default function PrivacyPage() {
  const signedIn = useSignedIn();
  const [busy, setBusy] = useState(false);
  const [erasing, setErasing] = useState(false);
  const [typed, setTyped] = useState('');

  const download = async () => {
    setBusy(true);
    try {
      const data = await call(api.people.exportMyData);
      const note = await saveJson(`我的数据-${data.exportedAt.slice(0, 10)}.json`, data);
      void Taro.showToast({ title: note, icon: 'success' });
    } catch (err) {
      void Taro.showToast({ title: messageOf(err), icon: 'none', duration: 3000 });
    } finally {
      setBusy(false);
    }
  };

  const startErase = async () => {
    const { confirm } = await Taro.showModal({
      title: '注销账号',
      content:
        '注销后无法恢复：姓名、手机号、照片等个人信息将被删除，服务时长以匿名方式保留用于统计。建议先下载我的数据。',
      confirmText: '继续注销',
      cancelText: '再想想',
      confirmColor: '#D42A1F',
    });
    if (confirm) setErasing(true);
  };

  const erase = async () => {
    if (typed !== ERASE_CONFIRM_PHRASE) return;
    setBusy(true);
    try {
      await call(api.people.eraseMe, { body: { confirm: typed } });
      clearSession();
      await Taro.showModal({
        title: '账号已注销',
        content: '感谢您参与社区共治。',
        showCancel: false,
        confirmText: '好的',
      });
      void Taro.reLaunch({ url: LOGIN_URL });
    } catch (err) {
      void Taro.showToast({ title: messageOf(err), icon: 'none', duration: 3000 });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="tm-page privacy-page">
      <View className="tm-hero">
        <Text className="tm-hero__title">隐私与数据</Text>
        <Text className="tm-hero__sub">您的个人信息只用于为您提供服务，工作人员查看都有记录</Text>
      </View>
      {signedIn && <Readers />}
      <View className="tm-card">
        <Text className="tm-card__title">下载我的数据</Text>
        <Text className="tm-card__text">
          包括个人资料、点单及处理进度、预约、认领和签到、服务时长、消息、志愿队，以及工作人员查看您信息的记录。
        </Text>
        <View
          className={`tm-button privacy-download${busy ? ' tm-button--disabled' : ''}`}
          hoverClass="tm-button--pressed"
          onClick={() => !busy && void download()}
        >
          <Text>下载我的数据（JSON）</Text>
        </View>
      </View>
      <View className="tm-card">
        <Text className="tm-card__title">注销账号</Text>
        <Text className="tm-card__text">
          注销后将无法登录，姓名改为“已注销用户”，手机号、微信绑定、地址和照片将被删除；您参与服务的时长以匿名方式保留，用于社区统计。
        </Text>
        {!erasing ? (
          <View className="tm-button tm-button--danger privacy-erase" onClick={() => void startErase()}>
            <Text>申请注销账号</Text>
          </View>
        ) : (
          <>
            <Text className="tm-card__meta">{`请输入“${ERASE_CONFIRM_PHRASE}”四个字确认：`}</Text>
            <Input
              className="tm-input privacy-confirm"
              value={typed}
              placeholder={ERASE_CONFIRM_PHRASE}
              onInput={(e) => setTyped(e.detail.value.trim())}
            />
            <View
              className={`tm-button privacy-erase-confirm${typed === ERASE_CONFIRM_PHRASE && !busy ? '' : ' tm-button--disabled'}`}
              onClick={() => void erase()}
            >
              <Text>确认注销，不可恢复</Text>
            </View>
            <View className="tm-button tm-button--ghost" onClick={() => (setErasing(false), setTyped(''))}>
              <Text>不注销了</Text>
            </View>
          </>
        )}
      </View>
    </View>
  );
}

const READERS_PAGE = 10;
const pad = (n: number) => String(n).padStart(2, '0');

/** `2026-12-06 08:05` in China time. */
function when(iso: string): string {
  const d = chinaWall(iso);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** 谁查看过我的信息: each read by the staff, newest first, ten at a time (PIPL: a person can see who read their data). */
function Readers() {
  const [items, setItems] = useState<MyDataReader[]>([]);
  const [total, setTotal] = useState(0);
  const [page, setPage] = useState(0);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async (next: number) => {
    setLoading(true);
    setError(null);
    try {
      const res = await call(api.audit.listMyDataReaders, { query: { page: next, pageSize: READERS_PAGE } });
      setItems((now) => (next === 1 ? res.items : [...now, ...res.items]));
      setTotal(res.total);
      setPage(next);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load(1);
  }, [load]);

  return (
    <View className="tm-card privacy-readers">
      <View className="tm-card__head">
        <Text className="tm-card__title">谁查看过我的信息</Text>
        {page > 0 && total > 0 && <Text className="tm-card__meta">{`共 ${total} 次`}</Text>}
      </View>
      {page === 0 && loading && <Text className="tm-card__text privacy-readers__state">正在加载…</Text>}
      {error && (
        <View className="privacy-readers__error">
          <Text className="tm-card__text">{error}</Text>
          <View className="tm-button tm-button--ghost" onClick={() => void load(page === 0 ? 1 : page + 1)}>
            <Text>重试</Text>
          </View>
        </View>
      )}
      {page > 0 && total === 0 && (
        <Text className="tm-card__text privacy-readers__empty">还没有工作人员查看过您的信息</Text>
      )}
      {items.map((r, i) => (
        <View key={`${r.at}-${i}`} className="tm-row privacy-reader">
          <View className="tm-row__body">
            <Text className="privacy-reader__who">{[r.place, r.role, r.name].filter(Boolean).join(' · ')}</Text>
            <Text className="tm-row__sub">{`查看了${r.what.join('、')} · 事由：${r.why}`}</Text>
            <Text className="tm-row__sub">{when(r.at)}</Text>
          </View>
        </View>
      ))}
      {page > 0 && items.length < total && !error && (
        <View
          className={`tm-button tm-button--ghost privacy-readers__more${loading ? ' tm-button--disabled' : ''}`}
          onClick={() => !loading && void load(page + 1)}
        >
          <Text>{loading ? '正在加载…' : `查看更多（还有 ${total - items.length} 次）`}</Text>
        </View>
      )}
    </View>
  );
}
