import { useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text, Switch } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { api, type Notice } from '@gongzhi/shared';
import { call, messageOf } from '../../../services/api';
import { requestKey } from '../../../components/ResidentKit';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { useRemote } from '../../../hooks/useRemote';
import { useAdminAccess } from '../../../hooks/useAdminAccess';
import { AdminForbidden } from '../../../components/AdminForbidden';
import { dateTime } from '../lib/format';
import { check, failure, type FieldMessages } from '../lib/forms';
import { ActionBar, Banner, Field, PlainButton, Sheet, Tag, TextArea, TextInput } from '../components/ui';
import { AdminList, useListPage, wholeList } from '../components/AdminList';
import '../components/ui.scss';
import './index.scss';

const EMPTY = { title: '', body: '', pinned: false };

/** 社区公告 for staff: the community board, posting (one request key per form) and withdrawing. */
export default function AdminNoticesPage() {
  const signedIn = useSignedIn();
  const access = useAdminAccess();
  // The board belongs to a community: staff post to their own.
  const allowed = access.can(api.notices.postNotice) && !!access.user?.community;
  const board = useRemote(
    async () => (await call(api.notices.listNotices, { query: { pageSize: 50 } })).items,
    [],
    signedIn && allowed,
  );
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState(EMPTY);
  const [fields, setFields] = useState<FieldMessages>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // One key per form: a retried 发布 after a lost answer never posts twice.
  const key = useRef(requestKey());

  const notices = wholeList(board, (items) => items);
  useListPage(notices);

  if (!allowed) return <AdminForbidden />;

  // Typing into a field clears that field's message.
  const edit = (change: Partial<typeof EMPTY>) => {
    setForm((f) => ({ ...f, ...change }));
    setFields((now) => Object.fromEntries(Object.entries(now).filter(([k]) => !(k in change))));
  };

  const submit = async () => {
    const problems = check(api.notices.postNotice.body, form);
    setFields(problems ?? {});
    if (problems) return;
    setBusy(true);
    setBanner(null);
    try {
      await call(api.notices.postNotice, { body: form, header: { 'Idempotency-Key': key.current } });
      key.current = requestKey();
      setForm(EMPTY);
      setOpen(false);
      void Taro.showToast({ title: '已发布', icon: 'success' });
      await board.reload();
    } catch (e) {
      // Keep what was typed; show why.
      const f = failure(e);
      setFields(f.fields);
      setBanner(f.message);
    } finally {
      setBusy(false);
    }
  };

  const withdraw = async (n: Notice) => {
    const { confirm } = await Taro.showModal({
      title: '撤下这条公告？',
      content: `「${n.title}」撤下后居民将看不到它。`,
      confirmText: '撤下',
      confirmColor: '#D42A1F',
    });
    if (!confirm) return;
    try {
      await call(api.notices.withdrawNotice, { params: { id: n.id } });
      void Taro.showToast({ title: '已撤下', icon: 'success' });
      await board.reload();
    } catch (e) {
      void Taro.showToast({ title: messageOf(e), icon: 'none' });
    }
  };

  return (
    <View className="page admin-notices">
      <AdminList
        list={notices}
        empty={{ text: '还没有公告', hint: '停水停电、活动预告、政策宣传，都可以在这里告诉居民' }}
        render={(n) => (
          <View key={n.id} className="admin-notice">
            <View className="admin-notice__top">
              {n.pinned && <Tag tone="brand">置顶</Tag>}
              <Text className="admin-notice__title">{n.title}</Text>
            </View>
            <Text className="admin-notice__body">{n.body}</Text>
            <View className="admin-notice__foot">
              <Text className="admin-notice__meta">{`${n.authorName} · ${dateTime(n.publishedAt)}`}</Text>
              <PlainButton tone="danger" className="admin-notice__withdraw" onClick={() => void withdraw(n)}>
                撤下
              </PlainButton>
            </View>
          </View>
        )}
      />

      <ActionBar>
        <Button type="primary" block className="admin-notices__new" onClick={() => setOpen(true)}>
          发布公告
        </Button>
      </ActionBar>

      <Sheet
        open={open}
        title="发布社区公告"
        onClose={() => setOpen(false)}
        footer={
          <Button type="primary" block loading={busy} className="admin-notices__submit" onClick={() => void submit()}>
            发布
          </Button>
        }
      >
        <Banner message={banner} />
        <Field label="标题" required error={fields.title}>
          <TextInput
            value={form.title}
            maxlength={40}
            placeholder="例如：本周六停水通知"
            onInput={(title) => edit({ title })}
          />
        </Field>
        <Field label="内容" required error={fields.body}>
          <TextArea
            value={form.body}
            maxlength={2000}
            placeholder="时间、范围、需要居民做什么"
            onInput={(body) => edit({ body })}
          />
        </Field>
        <View className="admin-notices__pin">
          <Text>置顶显示</Text>
          <Switch
            checked={form.pinned}
            color="#D42A1F"
            onChange={(e) => setForm((f) => ({ ...f, pinned: e.detail.value }))}
          />
        </View>
      </Sheet>
    </View>
  );
}
