import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text, ScrollView } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  MENU_CATEGORIES,
  PROJECT_LEVEL_LABELS,
  PROJECT_STATUSES,
  PROJECT_STATUS_LABELS,
  api,
  formatFen,
  type ProjectStatus,
  type ProjectSummary,
} from '@gongzhi/shared';
import { call } from '../../../services/api';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { useAdminAccess } from '../../../hooks/useAdminAccess';
import { AdminForbidden } from '../../../components/AdminForbidden';
import { usePaged } from '../lib/usePaged';
import { ActionBar, Tag } from '../components/ui';
import { AdminList, useListPage } from '../components/AdminList';
import { PROJECT_TONES } from '../lib/tones';
import { Progress } from '../components/Progress';
import '../components/ui.scss';
import './index.scss';

function ProjectRow({ p }: { p: ProjectSummary }) {
  const category = MENU_CATEGORIES.find((c) => c.code === p.categoryCode);
  return (
    <View
      className="admin-project"
      onClick={() => void Taro.navigateTo({ url: `/packages/admin/project-edit/index?id=${p.id}` })}
    >
      <View className="admin-project__top">
        <Text className="admin-project__title">{p.title}</Text>
        <Tag tone={PROJECT_TONES[p.status]}>{PROJECT_STATUS_LABELS[p.status]}</Tag>
      </View>
      <Text className="admin-project__line">{`${category?.icon ?? ''} ${category?.name ?? ''} · ${PROJECT_LEVEL_LABELS[p.level]} · ${p.community.name}`}</Text>
      <Progress value={p.progress} />
      <View className="admin-project__foot">
        <Text>{`预算 ${formatFen(p.budgetFen)}`}</Text>
        <Text>{`纳入需求 ${p.needsCount} 个`}</Text>
      </View>
    </View>
  );
}

export default function AdminProjectsPage() {
  const signedIn = useSignedIn();
  const access = useAdminAccess();
  const allowed = access.staff && access.can(api.projects.updateMilestone);
  const canCreate = access.can(api.projects.createProject);
  const [status, setStatus] = useState<ProjectStatus | null>(null);
  const list = usePaged<ProjectSummary>(
    (page) => call(api.projects.listProjects, { query: { status: status ?? undefined, page, pageSize: 20 } }),
    [status],
    signedIn && allowed,
  );
  useListPage(list, { reloadOnShow: allowed });

  if (!signedIn) return <View className="page" />;
  if (!allowed) {
    return (
      <View className="page admin-page">
        <AdminForbidden detail={access.staff ? '公益项目由社区、街道和县级管理员负责。' : undefined} />
      </View>
    );
  }

  return (
    <View className="page admin-page admin-projects">
      <ScrollView scrollX className="admin-tabs admin-projects__tabs" enhanced showScrollbar={false}>
        <View
          className={`admin-tabs__item ${status === null ? 'admin-tabs__item--on' : ''}`}
          onClick={() => setStatus(null)}
        >
          <Text>全部</Text>
        </View>
        {PROJECT_STATUSES.map((s) => (
          <View
            key={s}
            className={`admin-tabs__item ${status === s ? 'admin-tabs__item--on' : ''}`}
            onClick={() => setStatus(s)}
          >
            <Text>{PROJECT_STATUS_LABELS[s]}</Text>
          </View>
        ))}
      </ScrollView>
      <AdminList
        list={list}
        empty={{
          text: '这里还没有项目',
          hint: canCreate ? '把居民反映最多的问题做成项目，公开进度' : '责任单位的项目会出现在这里',
        }}
        render={(p) => <ProjectRow key={p.id} p={p} />}
      />
      {canCreate && (
        <ActionBar>
          <Button
            className="admin-projects__add"
            type="primary"
            shape="round"
            size="large"
            onClick={() => void Taro.navigateTo({ url: '/packages/admin/project-edit/index' })}
          >
            新建项目
          </Button>
        </ActionBar>
      )}
    </View>
  );
}
