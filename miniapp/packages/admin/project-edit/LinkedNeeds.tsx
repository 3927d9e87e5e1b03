import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { NEED_STATUS_LABELS, api } from '@gongzhi/shared';
import { call } from '../../../services/api';
import { useRemote } from '../../../hooks/useRemote';
import { Card, Tag } from '../components/ui';

// The needs taken into a project (纳入的需求), for those who edit it; `needsCount` reloads the list.

export function LinkedNeeds({
  projectId,
  needsCount,
  active,
  onLink,
}: {
  projectId: string;
  needsCount: number;
  active: boolean;
  onLink: () => void;
}) {
  const needs = useRemote(
    () => call(api.projects.listProjectNeeds, { params: { id: projectId }, query: { pageSize: 50 } }),
    [projectId, needsCount],
  );
  return (
    <Card
      title="纳入的需求"
      extra={
        active ? (
          <Text className="project-edit__link project-edit__link-needs" onClick={onLink}>
            ＋ 纳入
          </Text>
        ) : undefined
      }
    >
      {needs.loading && !needs.data && <Text className="project-edit__empty">加载中…</Text>}
      {needs.error && <Text className="form-field__error">{needs.error}</Text>}
      {needs.data && needs.data.items.length === 0 && (
        <Text className="project-edit__empty">还没有纳入需求。把居民反映的同类问题纳入项目，交付时一并办结。</Text>
      )}
      {needs.data?.items.map((n) => (
        <View
          key={n.needId}
          className="project-need"
          onClick={() => void Taro.navigateTo({ url: `/packages/admin/need/index?id=${n.needId}` })}
        >
          <Text className="project-need__title">{n.title}</Text>
          <Tag>{NEED_STATUS_LABELS[n.status]}</Tag>
        </View>
      ))}
    </Card>
  );
}
