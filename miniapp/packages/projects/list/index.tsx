import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { MENU_CATEGORIES, PROJECT_STATUS_LABELS, api, type ProjectStatus, type ProjectSummary } from '@gongzhi/shared';
import { call } from '../../../services/api';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { EmptyState, ErrorState, LoadingCards } from '../../../components/PageState';
import { ChipTabs, PagedFooter, ProgressBar, StatusPill, usePaged, yuanShort } from '../../../components/ResidentKit';
import { PROJECT_TONES } from '../look';
import './index.scss';

type Filter = 'all' | ProjectStatus;
const FILTERS: { key: Filter; label: string }[] = [
  { key: 'all', label: '全部' },
  ...(['open', 'delivering', 'delivered'] as const).map((s) => ({ key: s, label: PROJECT_STATUS_LABELS[s] })),
];

function ProjectCard({ project }: { project: ProjectSummary }) {
  const category = MENU_CATEGORIES.find((c) => c.code === project.categoryCode);
  return (
    <View
      className="pj-card"
      data-id={project.id}
      hoverClass="pj-card--pressed"
      onClick={() => void Taro.navigateTo({ url: `/packages/projects/detail/index?id=${project.id}` })}
    >
      <View className="pj-card__top">
        {category && (
          <Text className="pj-card__category" style={{ color: category.color, backgroundColor: `${category.color}1A` }}>
            {`${category.icon} ${category.name}`}
          </Text>
        )}
        <StatusPill text={PROJECT_STATUS_LABELS[project.status]} tone={PROJECT_TONES[project.status]} />
      </View>
      <Text className="pj-card__title">{project.title}</Text>
      {typeof project.progress === 'number' && <ProgressBar value={project.progress} label="进度" />}
      <View className="pj-card__facts">
        <View className="pj-card__fact">
          <Text className="pj-card__fact-value">{yuanShort(project.budgetFen)}</Text>
          <Text className="pj-card__fact-label">预算</Text>
        </View>
        <View className="pj-card__fact">
          <Text className="pj-card__fact-value">{`${project.needsCount} 项`}</Text>
          <Text className="pj-card__fact-label">纳入居民需求</Text>
        </View>
      </View>
      {project.units.length > 0 && (
        <Text className="pj-card__units">{`责任单位：${project.units.map((u) => u.name).join('、')}`}</Text>
      )}
    </View>
  );
}

export default function ProjectsPage() {
  const signedIn = useSignedIn();
  const [filter, setFilter] = useState<Filter>('all');
  const list = usePaged(
    (page, pageSize) =>
      call(api.projects.listProjects, { query: { page, pageSize, ...(filter === 'all' ? {} : { status: filter }) } }),
    [filter],
    signedIn,
  );

  return (
    <View className="page pj-page">
      <View className="pj-head">
        <Text className="pj-head__title">惠民项目</Text>
        <Text className="pj-head__sub">从居民最常提、最急的需求中来，进展全程公开</Text>
      </View>
      <View className="pj-filters">
        <ChipTabs options={FILTERS} value={filter} onChange={setFilter} />
      </View>
      {list.loading && <LoadingCards count={2} />}
      {list.error && !list.loading && <ErrorState message={list.error} onRetry={() => void list.reload()} />}
      {!list.loading && !list.error && list.items.length === 0 && (
        <EmptyState text="暂时没有公开的项目" hint="社区立项后会在这里公开进展" />
      )}
      {list.items.map((p) => (
        <ProjectCard key={p.id} project={p} />
      ))}
      <PagedFooter list={list} />
    </View>
  );
}
