import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { PROJECT_STATUS_LABELS, type ProjectSummary } from '@gongzhi/shared';
import { ProgressBar, StatusPill, yuanShort } from '../../components/ResidentKit';

const LIST_URL = '/packages/projects/list/index';

/** The community's projects under way: a few cards with their progress, and a link to all. */
export function HomeProjects({ projects }: { projects: ProjectSummary[] }) {
  if (projects.length === 0) return null;
  return (
    <View className="home-projects">
      <View className="home-group__head">
        <Text className="home-group__icon">🏗️</Text>
        <Text className="home-group__name">社区惠民项目</Text>
        <Text className="home-projects__all" onClick={() => void Taro.navigateTo({ url: LIST_URL })}>
          全部 ›
        </Text>
      </View>
      {projects.map((p) => (
        <View
          key={p.id}
          className="home-project"
          data-id={p.id}
          hoverClass="home-project--pressed"
          onClick={() => void Taro.navigateTo({ url: `/packages/projects/detail/index?id=${p.id}` })}
        >
          <View className="home-project__top">
            <Text className="home-project__title">{p.title}</Text>
            <StatusPill text={PROJECT_STATUS_LABELS[p.status]} tone={p.status === 'delivering' ? 'blue' : 'orange'} />
          </View>
          {typeof p.progress === 'number' && <ProgressBar value={p.progress} />}
          <Text className="home-project__meta">
            {`预算 ${yuanShort(p.budgetFen)}${p.needsCount ? ` · 纳入 ${p.needsCount} 项居民需求` : ''}`}
          </Text>
        </View>
      ))}
    </View>
  );
}
