import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { MENU_CATEGORIES, NEED_STATUS_LABELS, api, parseWith, type ProjectDetail } from '@gongzhi/shared';
import { call } from '../../../services/api';
import { useRemote } from '../../../hooks/useRemote';
import { EmptyState, ErrorState, LoadingCards } from '../../../components/PageState';
import { failure, firstMessage, toMessages } from '../lib/forms';
import { Banner, Sheet } from '../components/ui';

// Picking accepted needs of the project's category to take into it (纳入同类需求).

export function LinkSheet({
  project,
  onClose,
  onLinked,
}: {
  project: ProjectDetail;
  onClose: () => void;
  onLinked: () => void;
}) {
  const candidates = useRemote(async () => {
    const statuses = ['accepted', 'routed', 'in_progress'] as const;
    const pages = await Promise.all(
      statuses.map((status) =>
        call(api.needs.listNeeds, { query: { status, categoryCode: project.categoryCode, pageSize: 50 } }),
      ),
    );
    return pages
      .flatMap((p) => p.items)
      .filter((n) => !(n.route?.kind === 'project' && n.route.targetId === project.id));
  }, [project.id]);
  const [picked, setPicked] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    const parsed = parseWith(api.projects.linkNeeds.body!, { needIds: picked }, 'body');
    if (!parsed.ok) {
      setError(firstMessage(toMessages(parsed.fields)));
      return;
    }
    setBusy(true);
    try {
      const r = await call(api.projects.linkNeeds, { params: { id: project.id }, body: { needIds: picked } });
      void Taro.showToast({ title: `已纳入 ${r.linked} 个`, icon: 'success' });
      onLinked();
    } catch (e) {
      const f = failure(e);
      setError([f.message, ...Object.values(f.fields)].join('；'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Sheet
      open
      title="纳入同类需求"
      className="link-sheet"
      onClose={onClose}
      footer={
        <Button
          type="primary"
          shape="round"
          size="large"
          disabled={busy || picked.length === 0}
          onClick={() => void submit()}
        >
          {picked.length ? `纳入 ${picked.length} 个需求` : '请选择需求'}
        </Button>
      }
    >
      <Banner message={error} />
      <Text className="link-sheet__hint">{`已受理、同为“${MENU_CATEGORIES.find((c) => c.code === project.categoryCode)?.name ?? ''}”类的需求；交付项目时它们一并办结。`}</Text>
      {candidates.loading && <LoadingCards count={2} />}
      {candidates.error && <ErrorState message={candidates.error} onRetry={() => void candidates.reload()} />}
      {candidates.data && candidates.data.length === 0 && (
        <EmptyState text="没有可纳入的需求" hint="受理后的同类需求会出现在这里" />
      )}
      {candidates.data?.map((n) => {
        const on = picked.includes(n.id);
        return (
          <View
            key={n.id}
            className={`link-need ${on ? 'link-need--on' : ''}`}
            onClick={() => setPicked(on ? picked.filter((x) => x !== n.id) : [...picked, n.id])}
          >
            <View className="link-need__body">
              <Text className="link-need__title">{n.title}</Text>
              <Text className="link-need__desc">{`${n.place.label} · ${n.owner.name} · ${NEED_STATUS_LABELS[n.status]}`}</Text>
            </View>
            <Text className={`link-need__check ${on ? 'link-need__check--on' : ''}`}>{on ? '✓' : ''}</Text>
          </View>
        );
      })}
    </Sheet>
  );
}
