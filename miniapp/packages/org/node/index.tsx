import { useRef } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { api, type OrgEventView } from '@gongzhi/shared';
import { call } from '../../../services/api';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { useRemote } from '../../../hooks/useRemote';
import { useAdminAccess } from '../../../hooks/useAdminAccess';
import { AdminForbidden } from '../../../components/AdminForbidden';
import { ErrorState, LoadingCards } from '../../../components/PageState';
import { Card, ListFoot, Tag } from '../../admin/components/ui';
import { usePaged } from '../../admin/lib/usePaged';
import { dateTime } from '../../admin/lib/format';
import { childKinds, go, kindLabel, urls } from '../lib';
import '../../admin/components/ui.scss';
import '../org.scss';

/** A place of the tree: where it is, what is below it and lives there, what can be done, and its history. */
export default function OrgNodePage() {
  const signedIn = useSignedIn();
  const access = useAdminAccess();
  const allowed = access.can(api.org.getOrgNode);
  const id = useRouter().params.id ?? '';
  const detail = useRemote(() => call(api.org.getOrgNode, { params: { id } }), [id], signedIn && allowed && !!id);
  const history = usePaged<OrgEventView>(
    (page) => call(api.org.listOrgEvents, { query: { nodeId: id, page, pageSize: 20 } }),
    [id],
    signedIn && allowed && !!id,
  );
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void Promise.all([detail.reload(), history.reload()]);
    shown.current = true;
  });
  usePullDownRefresh(
    () => void Promise.all([detail.reload(), history.reload()]).finally(() => Taro.stopPullDownRefresh()),
  );
  useReachBottom(() => void history.more());

  if (!allowed) return <AdminForbidden />;
  if (detail.loading && !detail.data) return <LoadingCards count={3} />;
  if (detail.error || !detail.data)
    return <ErrorState message={detail.error ?? '没有找到'} onRetry={() => void detail.reload()} />;
  const { node, path, children, hanging, mergedInto, canEdit } = detail.data;
  const movable = !['county', 'street', 'department'].includes(node.kind);

  return (
    <View className="page org-page org-node-page">
      <View className="org-path">
        {path.map((p, i) => (
          <View key={p.id} className="org-path">
            {i > 0 && <Text className="org-path__sep">›</Text>}
            <Text>{p.name}</Text>
          </View>
        ))}
      </View>
      <View className="org-head">
        <Text className="org-head__kind">{kindLabel(node.kind)}</Text>
        <Text className="org-head__name">{node.name}</Text>
        <View className="org-row__sub">
          {!node.active && <Tag tone="grey">已停用</Tag>}
          {node.old && <Tag tone="orange">老旧小区</Tag>}
          {node.kind === 'complex' && (
            <Tag tone={node.hasProperty ? 'green' : 'grey'}>{node.hasProperty ? '有物业' : '无物业'}</Tag>
          )}
          {node.location && <Text>{`位置 ${node.location.lng}, ${node.location.lat}`}</Text>}
        </View>
        {mergedInto && <Text className="org-note">{`内容已转到「${mergedInto.name}」`}</Text>}
        {canEdit && (
          <View className="org-head__actions org-node__actions">
            <Text className="org-button org-node__edit" onClick={() => go(urls.edit(node.id))}>
              {node.kind === 'complex' || node.kind === 'community' ? '改名或修改' : '改名'}
            </Text>
            {movable && (
              <Text className="org-button org-button--plain org-node__move" onClick={() => go(urls.move(node.id))}>
                调整归属
              </Text>
            )}
            <Text
              className="org-button org-button--plain org-node__merge"
              onClick={() => go(urls.close(node.id, 'merge'))}
            >
              合并到…
            </Text>
            <Text
              className="org-button org-button--plain org-node__deactivate"
              onClick={() => go(urls.close(node.id, 'deactivate'))}
            >
              停用
            </Text>
          </View>
        )}
      </View>

      {node.active && childKinds(node.kind).length > 0 && (
        <Card title="下级">
          <View className="org-counts">
            {children.length === 0 && <Text className="org-counts__item">还没有下级</Text>}
            {children.map((c) => (
              <Text key={c.kind} className="org-counts__item">{`${kindLabel(c.kind)} ${c.count} 个`}</Text>
            ))}
          </View>
          {node.active && (
            <Text
              className="org-button org-button--plain org-button--block org-node__children"
              onClick={() => go(urls.tree(node.id))}
            >
              查看下级 ›
            </Text>
          )}
        </Card>
      )}

      {node.kind !== 'county' && (
        <Card title="在这里的人和事">
          {hanging.length === 0 ? (
            <Text className="org-note">这里没有居民，也没有未办结的事项</Text>
          ) : (
            <View className="org-counts org-node__hanging">
              {hanging.map((h) => (
                <Text key={h.kind} className="org-counts__item">
                  {h.text}
                </Text>
              ))}
            </View>
          )}
        </Card>
      )}

      <Card title="变更记录" className="org-node__history">
        {history.items.length === 0 && !history.loading && <Text className="org-note">还没有变更记录</Text>}
        {history.items.map((e) => (
          <View key={e.id} className="org-event">
            <Text className="org-event__text">{e.text}</Text>
            <Text className="org-event__meta">
              {[
                dateTime(e.at),
                e.actor.role,
                e.source === 'import' ? '表格导入' : '',
                e.reason ? `原因：${e.reason}` : '',
              ]
                .filter(Boolean)
                .join(' · ')}
            </Text>
          </View>
        ))}
        <ListFoot loading={history.loadingMore || history.loading} done={history.done} count={history.items.length} />
      </Card>
    </View>
  );
}
