import { View, Text } from '@tarojs/components';
import {
  MENU_CATEGORIES,
  PROJECT_LEVEL_LABELS,
  PROJECT_STATUS_LABELS,
  formatFen,
  type ProjectDetail,
} from '@gongzhi/shared';
import { PROJECT_TONES } from '../lib/tones';
import { Progress } from '../components/Progress';
import { InfoRow, Tag } from '../components/ui';

// The head of a project in 项目管理: category, status, progress and the key facts.

export function ProjectHero({ p }: { p: ProjectDetail }) {
  const category = MENU_CATEGORIES.find((c) => c.code === p.categoryCode);
  return (
    <View className="project-edit__hero">
      <View className="project-edit__hero-top">
        <Text className="project-edit__category">{`${category?.icon ?? ''} ${category?.name ?? ''} · ${PROJECT_LEVEL_LABELS[p.level]}`}</Text>
        <Tag tone={PROJECT_TONES[p.status]} className="project-status">
          {PROJECT_STATUS_LABELS[p.status]}
        </Tag>
      </View>
      <Text className="project-edit__title">{p.title}</Text>
      <Progress value={p.progress} />
      <View className="project-edit__facts">
        <InfoRow label="预算">
          <Text>{formatFen(p.budgetFen)}</Text>
        </InfoRow>
        <InfoRow label="地点">
          <Text>{p.place.label}</Text>
        </InfoRow>
        <InfoRow label="责任单位">
          <Text>{p.units.length ? p.units.map((u) => u.name).join('、') : '未指定'}</Text>
        </InfoRow>
        <InfoRow label="纳入需求">
          <Text>{`${p.needsCount} 个`}</Text>
        </InfoRow>
      </View>
      {p.cancelReason && <Text className="project-edit__note">{`撤销原因：${p.cancelReason}`}</Text>}
    </View>
  );
}
