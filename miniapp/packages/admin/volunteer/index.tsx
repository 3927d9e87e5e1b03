import { useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { api, correctVolunteerBody, moveVolunteerBody, reasonBody, type VolunteerDetail } from '@gongzhi/shared';
import { call } from '../../../services/api';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { useRemote } from '../../../hooks/useRemote';
import { useAdminAccess } from '../../../hooks/useAdminAccess';
import { ErrorState, LoadingCards } from '../../../components/PageState';
import { AdminForbidden } from '../../../components/AdminForbidden';
import { Card, Field, InfoRow, TextInput } from '../components/ui';
import { PlacePicker } from '../components/PlacePicker';
import { RosterActions, RosterHistory, RosterSheet, useRosterSheets } from '../components/Roster';
import '../components/ui.scss';
import '../components/party.scss';

/** One volunteer: details and service hours, 修改 / 搬迁 / 退出志愿者 (or 恢复), and the change history. */
export default function VolunteerPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const signedIn = useSignedIn();
  const access = useAdminAccess();
  const allowed = access.can(api.rosters.showVolunteer);
  const person = useRemote(() => call(api.rosters.showVolunteer, { params: { id } }), [id], signedIn && allowed);
  const history = useRemote(
    () => call(api.rosters.listVolunteerHistory, { params: { id } }),
    [id],
    signedIn && allowed,
  );
  const reloadAll = () => Promise.all([person.reload(), history.reload()]);
  usePullDownRefresh(() => void reloadAll().finally(() => Taro.stopPullDownRefresh()));

  if (!allowed || person.errorCode === 'FORBIDDEN') return <AdminForbidden />;
  const v = person.data;
  return (
    <View className="page party-page volunteer">
      {person.loading && !v && <LoadingCards count={2} />}
      {person.error && !person.loading && <ErrorState message={person.error} onRetry={() => void person.reload()} />}
      {v && (
        <>
          {!v.active && <Text className="roster-stopped">已退出志愿者：服务时长记录保留。</Text>}
          <Card title={v.name}>
            <InfoRow label="手机号">{v.phoneMasked ?? '未登记'}</InfoRow>
            <InfoRow label="社区">{v.communityName}</InfoRow>
            <InfoRow label="住址">{v.homeName || '未填写小区'}</InfoRow>
            <InfoRow label="服务时长">{`${v.hours} 小时`}</InfoRow>
          </Card>
          <VolunteerChanges key={`${v.id}:${v.active}`} person={v} reload={reloadAll} />
          <RosterHistory history={history} />
        </>
      )}
    </View>
  );
}

function VolunteerChanges({ person: v, reload }: { person: VolunteerDetail; reload: () => Promise<unknown> }) {
  const access = useAdminAccess();
  const sheets = useRosterSheets(reload);
  const { submit } = sheets;
  const [name, setName] = useState(v.name);
  const [phone, setPhone] = useState('');
  const [placeId, setPlaceId] = useState('');
  const [communityId, setCommunityId] = useState<string | null>(v.communityId);
  const id = v.id;

  const correct = () => {
    const body = submit.validate(correctVolunteerBody, {
      name: name.trim() !== v.name ? name.trim() : undefined,
      phone: phone.trim() || undefined,
      reason: sheets.reason,
    });
    if (body) void sheets.run(() => call(api.rosters.correctVolunteer, { params: { id }, body }), '已修改');
  };
  const move = () => {
    const body = submit.validate(
      moveVolunteerBody,
      { placeId, reason: sheets.reason },
      {
        adjust: (f) => {
          if (!placeId) f.placeId = '请选择新的住址';
        },
      },
    );
    if (body) void sheets.run(() => call(api.rosters.moveVolunteer, { params: { id }, body }), '已更新住址');
  };
  const deactivate = () => {
    const body = submit.validate(reasonBody, { reason: sheets.reason });
    if (body)
      void sheets.run(() => call(api.rosters.deactivateVolunteer, { params: { id }, body }), '已退出志愿者', {
        title: `${v.name}退出志愿者？`,
        content: '退出后不能再认领志愿活动；已有的服务时长和证明保留，需要时可以恢复。',
        confirmText: '退出',
      });
  };
  const reactivate = () => {
    const body = submit.validate(reasonBody, { reason: sheets.reason });
    if (body) void sheets.run(() => call(api.rosters.reactivateVolunteer, { params: { id }, body }), '已恢复');
  };

  return (
    <>
      <RosterActions
        sheets={sheets}
        active={v.active}
        labels={{ correct: '修改', move: '搬迁', deactivate: '退出志愿者', reactivate: '恢复志愿者' }}
      />
      <RosterSheet
        sheets={sheets}
        kind="correct"
        title="修改志愿者信息"
        confirmText="保存修改"
        onConfirm={correct}
        reasonHint="例如：本人换了手机号"
      >
        <Field label="姓名" error={submit.errors.name}>
          <TextInput value={name} maxlength={40} onInput={setName} />
        </Field>
        <Field label="手机号" error={submit.errors.phone} hint={`现为 ${v.phoneMasked ?? '未登记'}，不改请留空`}>
          <TextInput value={phone} type="number" maxlength={11} placeholder="11 位手机号" onInput={setPhone} />
        </Field>
      </RosterSheet>
      <RosterSheet
        sheets={sheets}
        kind="move"
        title="搬迁"
        confirmText="确认搬迁"
        onConfirm={move}
        reasonHint="例如：搬到锦绣华庭居住"
      >
        <Field label="新住址" required error={submit.errors.placeId} hint={`现在：${v.communityName} ${v.homeName}`}>
          <PlacePicker
            value={placeId}
            onChange={(p) => {
              setPlaceId(p);
              submit.reset();
            }}
            hasCommunity={!access.roles.some((r) => r === 'streetAdmin' || r === 'countyAdmin')}
            communityId={communityId}
            onCommunity={(c) => {
              setCommunityId(c);
              setPlaceId('');
            }}
          />
        </Field>
      </RosterSheet>
      <RosterSheet
        sheets={sheets}
        kind="deactivate"
        title="退出志愿者"
        confirmText="退出志愿者"
        onConfirm={deactivate}
        reasonHint="例如：本人申请退出"
      />
      <RosterSheet
        sheets={sheets}
        kind="reactivate"
        title="恢复志愿者"
        confirmText="恢复"
        onConfirm={reactivate}
        reasonHint="例如：本人重新报名"
      />
    </>
  );
}
