import { useState } from 'react';
import { Picker } from '@tarojs/components';
import {
  EMPLOYMENTS,
  EMPLOYMENT_LABELS,
  HEALTHS,
  HEALTH_LABELS,
  PARTY_LEAVE_CAUSES,
  PARTY_LEAVE_CAUSE_LABELS,
  api,
  correctPartyMemberBody,
  deactivatePartyMemberBody,
  movePartyMemberBody,
  reasonBody,
  type Employment,
  type Health,
  type MemberDetail,
  type PartyLeaveCause,
} from '@gongzhi/shared';
import { call } from '../../../services/api';
import { useRemote } from '../../../hooks/useRemote';
import { Chips, Field, PickerValue, TextInput } from '../components/ui';
import { RosterActions, RosterSheet, useRosterSheets } from '../components/Roster';

const YES_NO = [
  { value: 'yes' as const, label: '是' },
  { value: 'no' as const, label: '否' },
];

/**
 * 修改 / 调转 / 停用 (转出、去世) / 恢复 of one party member. Empty text boxes leave a value as it is;
 * only what differs from the member is sent, with the reason.
 */
export function MemberChanges({ member: m, reload }: { member: MemberDetail; reload: () => Promise<unknown> }) {
  const sheets = useRosterSheets(reload);
  const { submit } = sheets;
  const id = m.id;
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [birthDate, setBirthDate] = useState(m.birthDate);
  const [employment, setEmployment] = useState<Employment>(m.employment);
  const [health, setHealth] = useState<Health>(m.health);
  const [mobile, setMobile] = useState<'yes' | 'no'>(m.mobile ? 'yes' : 'no');
  const [branchId, setBranchId] = useState<string | null>(null);
  const [cause, setCause] = useState<PartyLeaveCause | null>(null);
  const branches = useRemote(() => call(api.party.listBranches, {}), [], sheets.open === 'move');
  const others = (branches.data?.items ?? []).filter((b) => b.id !== m.branchId);

  const open = (kind: Parameters<typeof sheets.show>[0]) => {
    setName('');
    setPhone('');
    setIdNumber('');
    setBirthDate(m.birthDate);
    setEmployment(m.employment);
    setHealth(m.health);
    setMobile(m.mobile ? 'yes' : 'no');
    setBranchId(null);
    setCause(null);
    sheets.show(kind);
  };
  const withOpen = { ...sheets, show: open };

  const correct = () => {
    const body = submit.validate(correctPartyMemberBody, {
      name: name.trim() || undefined,
      phone: phone.trim() || undefined,
      idNumber: idNumber.trim() || undefined,
      birthDate: birthDate !== m.birthDate ? birthDate : undefined,
      employment: employment !== m.employment ? employment : undefined,
      health: health !== m.health ? health : undefined,
      mobile: (mobile === 'yes') !== m.mobile ? mobile === 'yes' : undefined,
      reason: sheets.reason,
    });
    if (body) void sheets.run(() => call(api.rosters.correctPartyMember, { params: { id }, body }), '已修改');
  };
  const move = () => {
    const body = submit.validate(
      movePartyMemberBody,
      { branchId: branchId ?? undefined, reason: sheets.reason },
      {
        adjust: (f) => {
          if (!branchId) f.branchId = '请选择调入的支部';
        },
      },
    );
    if (body) void sheets.run(() => call(api.rosters.movePartyMember, { params: { id }, body }), '已调转');
  };
  const deactivate = () => {
    const body = submit.validate(
      deactivatePartyMemberBody,
      { cause, reason: sheets.reason },
      {
        adjust: (f) => {
          if (!cause) f.cause = '请选择停用的原因';
        },
      },
    );
    if (body)
      void sheets.run(() => call(api.rosters.deactivatePartyMember, { params: { id }, body }), '已停用', {
        title: '停用这位党员？',
        content: '停用后不再计入支部人数和各项统计；记录和变更历史保留，需要时可以恢复。',
        confirmText: '停用',
      });
  };
  const reactivate = () => {
    const body = submit.validate(reasonBody, { reason: sheets.reason });
    if (body) void sheets.run(() => call(api.rosters.reactivatePartyMember, { params: { id }, body }), '已恢复');
  };

  return (
    <>
      <RosterActions
        sheets={withOpen}
        active={m.active}
        labels={{ correct: '修改信息', move: '调转支部', deactivate: '停用', reactivate: '恢复在册' }}
      />
      <RosterSheet
        sheets={sheets}
        kind="correct"
        title="修改党员信息"
        confirmText="保存修改"
        onConfirm={correct}
        reasonHint="例如：核对户口本，出生年份录错"
      >
        <Field label="姓名" error={submit.errors.name} hint={`现为 ${m.nameMasked}，不改请留空`}>
          <TextInput value={name} maxlength={40} placeholder="新的姓名" onInput={setName} />
        </Field>
        <Field label="手机号" error={submit.errors.phone} hint="不改请留空">
          <TextInput value={phone} type="number" maxlength={11} placeholder="11 位手机号" onInput={setPhone} />
        </Field>
        <Field label="身份证号" error={submit.errors.idNumber} hint="不改请留空；出生日期随之更正">
          <TextInput value={idNumber} maxlength={18} placeholder="18 位身份证号" onInput={setIdNumber} />
        </Field>
        <Field label="出生日期" error={submit.errors.birthDate}>
          <Picker mode="date" value={birthDate} start="1900-01-01" onChange={(e) => setBirthDate(e.detail.value)}>
            <PickerValue text={birthDate} placeholder="选择出生日期" />
          </Picker>
        </Field>
        <Field label="工作状态" error={submit.errors.employment}>
          <Chips
            options={EMPLOYMENTS.map((e) => ({ value: e, label: EMPLOYMENT_LABELS[e] }))}
            value={employment}
            onChange={setEmployment}
          />
        </Field>
        <Field label="身体状况">
          <Chips
            options={HEALTHS.map((h) => ({ value: h, label: HEALTH_LABELS[h] }))}
            value={health}
            onChange={setHealth}
          />
        </Field>
        <Field label="流动党员" hint="外出务工经商的选“是”">
          <Chips options={YES_NO} value={mobile} onChange={setMobile} />
        </Field>
      </RosterSheet>
      <RosterSheet
        sheets={sheets}
        kind="move"
        title="调转支部"
        confirmText="确认调转"
        onConfirm={move}
        reasonHint="例如：支部超过 50 人，拆分后调入"
      >
        <Field
          label="调入支部"
          required
          error={submit.errors.branchId}
          hint={`现在：${m.branchName}；居住社区随支部所在社区`}
        >
          <Picker
            mode="selector"
            range={others.map((b) => `${b.name}（${b.placeName}）`)}
            onChange={(e) => {
              setBranchId(others[Number(e.detail.value)]?.id ?? null);
              submit.reset();
            }}
          >
            <PickerValue
              text={others.find((b) => b.id === branchId)?.name}
              placeholder={branches.loading ? '正在加载支部…' : others.length ? '选择支部' : '没有可调入的其他支部'}
            />
          </Picker>
        </Field>
      </RosterSheet>
      <RosterSheet
        sheets={sheets}
        kind="deactivate"
        title="停用党员"
        confirmText="停用"
        onConfirm={deactivate}
        reasonHint="例如：组织关系转至某县某支部"
      >
        <Field label="停用原因" required error={submit.errors.cause}>
          <Chips
            options={PARTY_LEAVE_CAUSES.map((c) => ({ value: c, label: PARTY_LEAVE_CAUSE_LABELS[c] }))}
            value={cause}
            onChange={(c) => {
              setCause(c);
              submit.reset();
            }}
          />
        </Field>
      </RosterSheet>
      <RosterSheet
        sheets={sheets}
        kind="reactivate"
        title="恢复在册"
        confirmText="恢复"
        onConfirm={reactivate}
        reasonHint="例如：误操作，恢复"
      />
    </>
  );
}
