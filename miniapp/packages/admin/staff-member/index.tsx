import { useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { View, Text, Picker } from '@tarojs/components';
import {
  EDUCATION_LEVELS,
  api,
  correctStaffMemberBody,
  moveToCommunityBody,
  reasonBody,
  type EducationLevel,
  type StaffMemberDetail,
} from '@gongzhi/shared';
import { call } from '../../../services/api';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { useRemote } from '../../../hooks/useRemote';
import { useAdminAccess } from '../../../hooks/useAdminAccess';
import { ErrorState, LoadingCards } from '../../../components/PageState';
import { AdminForbidden } from '../../../components/AdminForbidden';
import { Card, Chips, Field, InfoRow, PickerValue, Tag, TextInput } from '../components/ui';
import { RosterActions, RosterHistory, RosterSheet, useRosterSheets } from '../components/Roster';
import { CommunityPicker, seesSeveralCommunities } from '../components/CommunityPicker';
import '../components/ui.scss';
import '../components/party.scss';

const YES_NO = [
  { value: 'yes' as const, label: '是' },
  { value: 'no' as const, label: '否' },
];

/** One row of the 两委 roster: its details, 修改 / 调转 / 离任 (or 恢复在任), and its change history. */
export default function StaffMemberPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const signedIn = useSignedIn();
  const access = useAdminAccess();
  const allowed = access.can(api.rosters.showStaffMember);
  const row = useRemote(() => call(api.rosters.showStaffMember, { params: { id } }), [id], signedIn && allowed);
  const history = useRemote(
    () => call(api.rosters.listStaffMemberHistory, { params: { id } }),
    [id],
    signedIn && allowed,
  );
  const reloadAll = () => Promise.all([row.reload(), history.reload()]);
  usePullDownRefresh(() => void reloadAll().finally(() => Taro.stopPullDownRefresh()));

  if (!allowed || row.errorCode === 'FORBIDDEN') return <AdminForbidden />;
  const s = row.data;
  return (
    <View className="page party-page staff-member">
      {row.loading && !s && <LoadingCards count={2} />}
      {row.error && !row.loading && <ErrorState message={row.error} onRetry={() => void row.reload()} />}
      {s && (
        <>
          {!s.active && <Text className="roster-stopped">已离任：不计入“两委”统计，记录保留。</Text>}
          <Card title={s.name} extra={s.committee ? <Tag tone="brand">两委</Tag> : undefined}>
            <InfoRow label="职务">{s.post}</InfoRow>
            <InfoRow label="社区">{s.placeName}</InfoRow>
            <InfoRow label="年龄">{`${s.age} 岁（${s.birthDate} 出生）`}</InfoRow>
            <InfoRow label="学历">{s.education}</InfoRow>
            <InfoRow label="手机号">{s.phoneMasked ?? '未登记'}</InfoRow>
          </Card>
          <StaffChanges key={`${s.id}:${s.active}`} row={s} reload={reloadAll} />
          <RosterHistory history={history} />
        </>
      )}
    </View>
  );
}

function StaffChanges({ row: s, reload }: { row: StaffMemberDetail; reload: () => Promise<unknown> }) {
  const access = useAdminAccess();
  const sheets = useRosterSheets(reload);
  const { submit } = sheets;
  const [post, setPost] = useState(s.post);
  const [committee, setCommittee] = useState<'yes' | 'no'>(s.committee ? 'yes' : 'no');
  const [education, setEducation] = useState<EducationLevel>(s.education);
  const [birthDate, setBirthDate] = useState(s.birthDate);
  const [name, setName] = useState(s.name);
  const [phone, setPhone] = useState('');
  const [communityId, setCommunityId] = useState<string | null>(null);
  const id = s.id;

  const correct = () => {
    const body = submit.validate(correctStaffMemberBody, {
      name: name.trim() !== s.name ? name.trim() : undefined,
      phone: phone.trim() || undefined,
      post: post.trim() !== s.post ? post.trim() : undefined,
      committee: (committee === 'yes') !== s.committee ? committee === 'yes' : undefined,
      education: education !== s.education ? education : undefined,
      birthDate: birthDate !== s.birthDate ? birthDate : undefined,
      reason: sheets.reason,
    });
    if (body) void sheets.run(() => call(api.rosters.correctStaffMember, { params: { id }, body }), '已修改');
  };
  const move = () => {
    const body = submit.validate(
      moveToCommunityBody,
      { communityId, reason: sheets.reason },
      {
        adjust: (f) => {
          if (!communityId) f.communityId = '请选择调入的社区';
        },
      },
    );
    if (body) void sheets.run(() => call(api.rosters.moveStaffMember, { params: { id }, body }), '已调转');
  };
  const deactivate = () => {
    const body = submit.validate(reasonBody, { reason: sheets.reason });
    if (body)
      void sheets.run(() => call(api.rosters.deactivateStaffMember, { params: { id }, body }), '已离任', {
        title: `${s.name}离任？`,
        content: '离任后不再计入“两委”统计；记录和变更历史保留，需要时可以恢复。',
        confirmText: '离任',
      });
  };
  const reactivate = () => {
    const body = submit.validate(reasonBody, { reason: sheets.reason });
    if (body) void sheets.run(() => call(api.rosters.reactivateStaffMember, { params: { id }, body }), '已恢复在任');
  };

  return (
    <>
      <RosterActions
        sheets={sheets}
        active={s.active}
        canMove={seesSeveralCommunities(access)}
        labels={{ correct: '修改', move: '调到其他社区', deactivate: '离任', reactivate: '恢复在任' }}
      />
      <RosterSheet
        sheets={sheets}
        kind="correct"
        title="修改工作人员信息"
        confirmText="保存修改"
        onConfirm={correct}
        reasonHint="例如：换届后任主任"
      >
        <Field label="职务" error={submit.errors.post}>
          <TextInput value={post} maxlength={40} placeholder="如 书记、主任、委员" onInput={setPost} />
        </Field>
        <Field label="两委成员" error={submit.errors.committee}>
          <Chips options={YES_NO} value={committee} onChange={setCommittee} />
        </Field>
        <Field label="出生日期" error={submit.errors.birthDate}>
          <Picker mode="date" value={birthDate} start="1900-01-01" onChange={(e) => setBirthDate(e.detail.value)}>
            <PickerValue text={birthDate} placeholder="选择出生日期" />
          </Picker>
        </Field>
        <Field label="学历" error={submit.errors.education}>
          <Chips
            options={EDUCATION_LEVELS.map((e) => ({ value: e, label: e }))}
            value={education}
            onChange={setEducation}
          />
        </Field>
        <Field label="姓名" error={submit.errors.name}>
          <TextInput value={name} maxlength={40} onInput={setName} />
        </Field>
        <Field label="手机号" error={submit.errors.phone} hint="不改请留空">
          <TextInput value={phone} type="number" maxlength={11} placeholder="11 位手机号" onInput={setPhone} />
        </Field>
      </RosterSheet>
      <RosterSheet
        sheets={sheets}
        kind="move"
        title="调到其他社区"
        confirmText="确认调转"
        onConfirm={move}
        reasonHint="例如：街道调整工作岗位"
      >
        <Field label="调入社区" required error={submit.errors.communityId} hint={`现在：${s.placeName}`}>
          <CommunityPicker
            access={access}
            value={communityId}
            except={s.placeId}
            onChange={(c) => {
              setCommunityId(c);
              submit.reset();
            }}
          />
        </Field>
      </RosterSheet>
      <RosterSheet
        sheets={sheets}
        kind="deactivate"
        title="离任"
        confirmText="离任"
        onConfirm={deactivate}
        reasonHint="例如：2026 年换届离任"
      />
      <RosterSheet
        sheets={sheets}
        kind="reactivate"
        title="恢复在任"
        confirmText="恢复"
        onConfirm={reactivate}
        reasonHint="例如：误操作，恢复"
      />
    </>
  );
}
