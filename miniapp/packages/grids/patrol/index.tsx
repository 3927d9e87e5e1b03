import { useRef } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { api } from '@gongzhi/shared';
import { call } from '../../../services/api';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { useRemote } from '../../../hooks/useRemote';
import { useAdminAccess } from '../../../hooks/useAdminAccess';
import { EmptyState, ErrorState, LoadingCards } from '../../../components/PageState';
import { Card, InfoRow } from '../../admin/components/ui';
import { clock, dayLabel } from '../../admin/lib/format';
import { FindingCard } from '../FindingCard';
import '../../admin/components/ui.scss';
import './index.scss';

/** 巡查详情: when and where, and each finding with its one step onward (需求, 吹哨 or 现场处置). */
export default function PatrolPage() {
  const id = useRouter().params.id ?? '';
  const signedIn = useSignedIn();
  const access = useAdminAccess();
  const patrol = useRemote(() => call(api.grids.getPatrol, { params: { id } }), [id], signedIn && !!id);
  const shown = useRef(false);
  // Back from blowing a whistle on a finding: show its new status.
  useDidShow(() => {
    if (shown.current) void patrol.reload();
    shown.current = true;
  });
  usePullDownRefresh(() => void patrol.reload().finally(() => Taro.stopPullDownRefresh()));

  if (!signedIn) return <View className="page" />;
  const p = patrol.data;
  if (!p) {
    return (
      <View className="page">
        {patrol.loading && <LoadingCards count={2} />}
        {patrol.error && !patrol.loading && <ErrorState message={patrol.error} onRetry={() => void patrol.reload()} />}
      </View>
    );
  }
  return (
    <View className="page patrol-detail">
      <Card title={p.grid.name} className="patrol-detail__head">
        <InfoRow label="时间">{`${dayLabel(p.startedAt)} ${clock(p.startedAt)}–${clock(p.endedAt)}`}</InfoRow>
        <InfoRow label="巡查人">{p.patroller.name}</InfoRow>
        <InfoRow label="巡查地点">{p.places.map((x) => x.name).join('、')}</InfoRow>
        {p.note && <InfoRow label="备注">{p.note}</InfoRow>}
      </Card>
      <Text className="section-title patrol-detail__section">{`发现的问题（${p.findings.length}）`}</Text>
      {p.findings.length === 0 && <EmptyState text="这次巡查没有发现问题" />}
      {p.findings.map((f) => (
        <FindingCard
          key={f.id}
          f={f}
          canHandle={access.can(api.grids.closeFinding)}
          onChanged={() => void patrol.reload()}
        />
      ))}
    </View>
  );
}
