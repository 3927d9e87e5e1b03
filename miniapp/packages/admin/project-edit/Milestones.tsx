import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { api, type MilestoneView } from '@gongzhi/shared';
import { call, messageOf } from '../../../services/api';
import { dateTime } from '../lib/format';
import { Progress } from '../components/Progress';

// A milestone of the project with its progress, which the responsible side updates in steps.

export function MilestoneRow({
  m,
  canReport,
  projectId,
  onDone,
}: {
  m: MilestoneView;
  canReport: boolean;
  projectId: string;
  onDone: () => void;
}) {
  const [open, setOpen] = useState(false);
  async function setProgress(progress: number) {
    try {
      await call(api.projects.updateMilestone, { params: { id: projectId, milestoneId: m.id }, body: { progress } });
      void Taro.showToast({ title: '进度已更新', icon: 'success' });
      setOpen(false);
      onDone();
    } catch (e) {
      void Taro.showModal({ title: '没有更新成功', content: messageOf(e), showCancel: false });
    }
  }
  return (
    <View className="milestone-row">
      <View className="milestone-row__top">
        <Text className="milestone-row__title">{m.title}</Text>
        <Text className="milestone-row__due">{m.doneAt ? `${dateTime(m.doneAt)} 完成` : `计划 ${m.due}`}</Text>
      </View>
      <Progress value={m.progress} />
      {canReport && !open && (
        <Text className="milestone-row__edit" onClick={() => setOpen(true)}>
          更新进度 ›
        </Text>
      )}
      {open && (
        <View className="milestone-row__steps">
          {[0, 25, 50, 75, 100].map((p) => (
            <Text
              key={p}
              className={`admin-chip ${p === m.progress ? 'admin-chip--on' : ''}`}
              onClick={() => void setProgress(p)}
            >
              {`${p}%`}
            </Text>
          ))}
        </View>
      )}
    </View>
  );
}
