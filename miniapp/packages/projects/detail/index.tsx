import { useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import {
  MENU_CATEGORIES,
  PROJECT_LEVEL_LABELS,
  PROJECT_STATUS_LABELS,
  ROLE_LABELS,
  api,
  localDateOf,
  type MilestoneView,
  type ProjectDetail,
  type ProjectUpdateView,
} from '@gongzhi/shared';
import { call, messageOf } from '../../../services/api';
import { useRemote } from '../../../hooks/useRemote';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { ErrorState, LoadingCards } from '../../../components/PageState';
import {
  ApiPhoto,
  ProgressBar,
  StatusPill,
  dayName,
  monthDay,
  whenText,
  yuanText,
} from '../../../components/ResidentKit';
import { PROJECT_TONES } from '../look';
import './index.scss';

const UPDATES_PAGE = 10;

function Milestone({ m, index }: { m: MilestoneView; index: number }) {
  const done = m.progress >= 100;
  return (
    <View className={`pj-ms ${done ? 'pj-ms--done' : ''}`}>
      <View className="pj-ms__head">
        <Text className="pj-ms__index">{done ? '✓' : index + 1}</Text>
        <Text className="pj-ms__title">{m.title}</Text>
      </View>
      <Text className="pj-ms__due">
        {done && m.doneAt
          ? `${dayName(localDateOf(m.doneAt))}完成 · 计划 ${monthDay(m.due)}`
          : `计划 ${monthDay(m.due)} 完成`}
      </Text>
      <ProgressBar value={m.progress} />
    </View>
  );
}

function Update({ u }: { u: ProjectUpdateView }) {
  return (
    <View className="pj-update">
      <View className="pj-update__head">
        <Text className="pj-update__author">{`${u.author.name} · ${ROLE_LABELS[u.author.role]}`}</Text>
        <Text className="pj-update__time">{whenText(u.at)}</Text>
      </View>
      <Text className="pj-update__text">{u.text}</Text>
      {u.photos.length > 0 && (
        <View className="pj-update__photos">
          {u.photos.map((p) => (
            <ApiPhoto key={p.id} url={p.url} className="pj-update__photo" />
          ))}
        </View>
      )}
    </View>
  );
}

function Stats({ p }: { p: ProjectDetail }) {
  return (
    <View className="pj-stats">
      <View className="pj-stats__cell">
        <Text className="pj-stats__value">{`${p.progress}%`}</Text>
        <Text className="pj-stats__label">总体进度</Text>
      </View>
      <View className="pj-stats__cell">
        <Text className="pj-stats__value">{`${p.needsCount}`}</Text>
        <Text className="pj-stats__label">纳入居民需求</Text>
      </View>
      <View className="pj-stats__cell">
        <Text className="pj-stats__value">{`${p.milestones.filter((m) => m.progress >= 100).length}/${p.milestones.length}`}</Text>
        <Text className="pj-stats__label">里程碑完成</Text>
      </View>
    </View>
  );
}

export default function ProjectDetailPage() {
  const id = useRouter().params.id ?? '';
  const signedIn = useSignedIn();
  const remote = useRemote(() => call(api.projects.getProject, { params: { id } }), [id], signedIn);
  const [older, setOlder] = useState<ProjectUpdateView[]>([]);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const p = remote.data;

  usePullDownRefresh(() => {
    setOlder([]);
    void remote.reload().finally(() => Taro.stopPullDownRefresh());
  });

  async function moreUpdates() {
    if (!p || loadingOlder) return;
    setLoadingOlder(true);
    try {
      const shown = p.updates.length + older.length;
      const page = Math.floor(shown / UPDATES_PAGE) + 1;
      const result = await call(api.projects.listProjectUpdates, {
        params: { id },
        query: { page, pageSize: UPDATES_PAGE },
      });
      const known = new Set([...p.updates, ...older].map((u) => u.id));
      setOlder((now) => [...now, ...result.items.filter((u) => !known.has(u.id))]);
    } catch (e) {
      void Taro.showToast({ title: messageOf(e), icon: 'none' });
    } finally {
      setLoadingOlder(false);
    }
  }

  if (remote.loading && !p) {
    return (
      <View className="page pj-detail">
        <LoadingCards count={3} />
      </View>
    );
  }
  if (!p) {
    return (
      <View className="page pj-detail">
        <ErrorState
          message={remote.error ?? '加载没有成功'}
          onRetry={
            remote.errorCode === 'VALIDATION_FAILED' || remote.errorCode === 'NOT_FOUND'
              ? undefined
              : () => void remote.reload()
          }
          fallback={{
            text: '查看全部项目',
            onClick: () => void Taro.redirectTo({ url: '/packages/projects/list/index' }),
          }}
        />
      </View>
    );
  }

  const category = MENU_CATEGORIES.find((c) => c.code === p.categoryCode);
  const updates = [...p.updates, ...older];
  const milestones = [...p.milestones].sort((a, b) => a.due.localeCompare(b.due));

  return (
    <View className="page pj-detail">
      <View className="pj-hero">
        <View className="pj-hero__top">
          {category && <Text className="pj-hero__category">{`${category.icon} ${category.name}`}</Text>}
          <StatusPill text={PROJECT_STATUS_LABELS[p.status]} tone={PROJECT_TONES[p.status]} />
        </View>
        <Text className="pj-hero__title">{p.title}</Text>
        <Text className="pj-hero__place">{`📍 ${p.place.label} · ${PROJECT_LEVEL_LABELS[p.level]}`}</Text>
        <View className="pj-hero__budget">
          <Text className="pj-hero__budget-label">项目预算</Text>
          <Text className="pj-hero__budget-value">{yuanText(p.budgetFen)}</Text>
        </View>
      </View>

      <Stats p={p} />

      {p.status === 'cancelled' && p.cancelReason && (
        <View className="pj-box pj-cancelled">
          <Text>{`项目已撤销：${p.cancelReason}`}</Text>
        </View>
      )}

      <View className="pj-box">
        <Text className="section-title">项目目标</Text>
        <Text className="pj-text">{p.goal}</Text>
        <View className="pj-facts">
          {p.units.length > 0 && (
            <View className="pj-facts__row">
              <Text className="pj-facts__label">责任单位</Text>
              <Text className="pj-facts__value">{p.units.map((u) => u.name).join('、')}</Text>
            </View>
          )}
          {p.openedAt && (
            <View className="pj-facts__row">
              <Text className="pj-facts__label">立项时间</Text>
              <Text className="pj-facts__value">{dayName(localDateOf(p.openedAt))}</Text>
            </View>
          )}
          {p.deliveredAt && (
            <View className="pj-facts__row">
              <Text className="pj-facts__label">交付时间</Text>
              <Text className="pj-facts__value">{dayName(localDateOf(p.deliveredAt))}</Text>
            </View>
          )}
          <View className="pj-facts__row">
            <Text className="pj-facts__label">居民需求</Text>
            <Text className="pj-facts__value">
              {p.needsCount ? `${p.needsCount} 项居民点单纳入本项目，交付时一并办结` : '暂未纳入居民点单'}
            </Text>
          </View>
        </View>
      </View>

      <View className="pj-box">
        <Text className="section-title">里程碑</Text>
        {milestones.length === 0 && <Text className="pj-muted">还没有安排里程碑</Text>}
        {milestones.map((m, i) => (
          <Milestone key={m.id} m={m} index={i} />
        ))}
      </View>

      <View className="pj-box">
        <Text className="section-title">{`公开进展${p.updatesTotal ? `（${p.updatesTotal}）` : ''}`}</Text>
        {updates.length === 0 && <Text className="pj-muted">还没有发布进展</Text>}
        {updates.map((u) => (
          <Update key={u.id} u={u} />
        ))}
        {p.updatesTotal > updates.length && (
          <View className="pj-more" onClick={() => void moreUpdates()}>
            <Text>{loadingOlder ? '正在加载…' : '查看更早的进展'}</Text>
          </View>
        )}
      </View>
    </View>
  );
}
