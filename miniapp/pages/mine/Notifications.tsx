import { useCallback, useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { api, notificationPage, type Notification } from '@gongzhi/shared';
import { call, messageOf } from '../../services/api';
import { publishUnread } from '../../services/unread';
import { whenText } from '../../components/ResidentKit';

const PAGE = 5;

/** Where a message leads: the need (the staff page, the service person's, or the resident's), the activity, or nowhere. */
function targetOf(n: Notification): string | null {
  const page = notificationPage(n.kind, n.refs);
  return page ? `/${page}` : null;
}

export interface NotificationsState {
  items: Notification[];
  total: number;
  unread: number;
  loading: boolean;
  error: string | null;
  reload: () => Promise<void>;
}

/** The first page of my messages with the unread count; more pages are added on request. */
export function useNotifications(enabled: boolean) {
  const [items, setItems] = useState<Notification[]>([]);
  const [total, setTotal] = useState(0);
  const [unread, setUnread] = useState(0);
  const [loading, setLoading] = useState(enabled);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    setLoading(true);
    setError(null);
    try {
      const page = await call(api.notifications.listMyNotifications, { query: { page: 1, pageSize: PAGE } });
      setItems(page.items);
      setTotal(page.total);
      setUnread(page.unread);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setLoading(false);
    }
  }, []);

  const loadMore = useCallback(async () => {
    if (more || items.length >= total) return;
    setMore(true);
    try {
      const page = await call(api.notifications.listMyNotifications, {
        query: { page: Math.floor(items.length / PAGE) + 1, pageSize: PAGE },
      });
      const known = new Set(items.map((n) => n.id));
      setItems([...items, ...page.items.filter((n) => !known.has(n.id))]);
      setTotal(page.total);
      setUnread(page.unread);
    } catch (e) {
      void Taro.showToast({ title: messageOf(e), icon: 'none' });
    } finally {
      setMore(false);
    }
  }, [items, total, more]);

  /** Marks one read (shown at once, undone if the server refuses) and opens what it is about. */
  const open = useCallback(async (n: Notification) => {
    const target = targetOf(n);
    if (!n.readAt) {
      const readAt = new Date().toISOString();
      setItems((now) => now.map((x) => (x.id === n.id ? { ...x, readAt } : x)));
      setUnread((u) => Math.max(0, u - 1));
      call(api.notifications.markNotificationRead, { params: { id: n.id } }).catch(() => {
        setItems((now) => now.map((x) => (x.id === n.id ? { ...x, readAt: null } : x)));
        setUnread((u) => u + 1);
      });
    }
    if (target) void Taro.navigateTo({ url: target });
  }, []);

  useEffect(() => {
    if (enabled) void reload();
  }, [enabled, reload]);

  // The 我的 tab's red badge follows what this list knows.
  useEffect(() => {
    if (enabled && !loading && !error) publishUnread(unread);
  }, [enabled, loading, error, unread]);

  return { items, total, unread, loading, error, more, reload, loadMore, open };
}

export function NotificationList({ state }: { state: ReturnType<typeof useNotifications> }) {
  const { items, total, unread, loading, error } = state;
  return (
    <View className="mine-card mine-messages">
      <View className="mine-card__head">
        <Text className="mine-card__title">消息通知</Text>
        {unread > 0 && <Text className="mine-messages__unread">{`${unread} 条未读`}</Text>}
      </View>
      {loading && items.length === 0 && <Text className="mine-messages__hint">正在加载…</Text>}
      {error && !loading && (
        <View className="mine-messages__hint mine-messages__hint--error" onClick={() => void state.reload()}>
          <Text>{`${error}，点这里重试`}</Text>
        </View>
      )}
      {!loading && !error && items.length === 0 && <Text className="mine-messages__hint">暂时没有消息</Text>}
      {items.map((n) => (
        <View
          key={n.id}
          className={`mine-message ${n.readAt ? '' : 'mine-message--unread'}`}
          data-id={n.id}
          hoverClass="mine-message--pressed"
          onClick={() => void state.open(n)}
        >
          <View className="mine-message__dot" />
          <View className="mine-message__body">
            <Text className="mine-message__text">{n.text}</Text>
            <Text className="mine-message__time">{whenText(n.createdAt)}</Text>
          </View>
        </View>
      ))}
      {items.length < total && (
        <View className="mine-messages__more" onClick={() => void state.loadMore()}>
          <Text>{state.more ? '正在加载…' : `查看更多消息（还有 ${total - items.length} 条）`}</Text>
        </View>
      )}
    </View>
  );
}
