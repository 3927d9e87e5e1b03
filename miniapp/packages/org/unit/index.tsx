import { useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { api, updateOrgUnitBody, type OrgEventView, type OrgUnitView } from '@gongzhi/shared';
import { call } from '../../../services/api';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { useRemote } from '../../../hooks/useRemote';
import { useAdminAccess } from '../../../hooks/useAdminAccess';
import { AdminForbidden } from '../../../components/AdminForbidden';
import { ErrorState, LoadingCards } from '../../../components/PageState';
import { Banner, Card, Chips, Sheet, Tag } from '../../admin/components/ui';
import { TextField } from '../../admin/components/form';
import { dateTime } from '../../admin/lib/format';
import { confirmDanger, useSubmit } from '../../admin/lib/useSubmit';
import '../../admin/components/ui.scss';
import '../org.scss';

type Step = 'edit' | 'move' | 'close' | null;

/** A resident unit: its street, what it holds (resources, posts, activities), its history, and its changes. */
export default function OrgUnitPage() {
  const signedIn = useSignedIn();
  const access = useAdminAccess();
  const allowed = access.can(api.org.getOrgUnit);
  const id = useRouter().params.id ?? '';
  const on = signedIn && allowed && !!id;
  const detail = useRemote(() => call(api.org.getOrgUnit, { params: { id } }), [id], on);
  const history = useRemote(() => call(api.org.listOrgEvents, { query: { nodeId: id, pageSize: 50 } }), [id], on);
  const [step, setStep] = useState<Step>(null);
  const reload = () => Promise.all([detail.reload(), history.reload()]);
  useDidShow(() => void (detail.data && reload()));
  usePullDownRefresh(() => void reload().finally(() => Taro.stopPullDownRefresh()));

  if (!allowed) return <AdminForbidden />;
  if (detail.loading && !detail.data) return <LoadingCards count={3} />;
  if (detail.error || !detail.data)
    return <ErrorState message={detail.error ?? '没有找到'} onRetry={() => void detail.reload()} />;
  const { unit, hanging, mergedInto, canEdit } = detail.data;
  const finished = () => {
    setStep(null);
    void reload();
  };

  return (
    <View className="page org-page org-unit-page">
      <View className="org-head">
        <Text className="org-head__kind">{`驻区单位 · ${unit.street.name}`}</Text>
        <Text className="org-head__name">{unit.name}</Text>
        <View className="org-row__sub">
          <Text>{unit.kind}</Text>
          {!unit.active && <Tag tone="grey">已停用</Tag>}
        </View>
        {mergedInto && <Text className="org-note">{`内容已转到「${mergedInto.name}」`}</Text>}
        {canEdit && (
          <View className="org-head__actions">
            <Text className="org-button org-unit__edit" onClick={() => setStep('edit')}>
              改名或改类别
            </Text>
            {access.roles.includes('countyAdmin') && (
              <Text className="org-button org-button--plain org-unit__move" onClick={() => setStep('move')}>
                改属街道
              </Text>
            )}
            <Text className="org-button org-button--plain org-unit__close" onClick={() => setStep('close')}>
              合并或停用
            </Text>
          </View>
        )}
      </View>
      <Card title="这个单位的">
        {hanging.length === 0 ? (
          <Text className="org-note">没有在用的资源、授权或未结束的活动</Text>
        ) : (
          <View className="org-counts">
            {hanging.map((h) => (
              <Text key={h.kind} className="org-counts__item">
                {h.text}
              </Text>
            ))}
          </View>
        )}
      </Card>
      <Card title="变更记录">
        {(history.data?.items ?? []).map((e: OrgEventView) => (
          <View key={e.id} className="org-event">
            <Text className="org-event__text">{e.text}</Text>
            <Text className="org-event__meta">
              {[dateTime(e.at), e.actor.role, e.reason ? `原因：${e.reason}` : ''].filter(Boolean).join(' · ')}
            </Text>
          </View>
        ))}
        {history.data?.items.length === 0 && <Text className="org-note">还没有变更记录</Text>}
      </Card>
      {step === 'edit' && <EditUnit unit={unit} onClose={() => setStep(null)} onDone={finished} />}
      {step === 'move' && <MoveUnit unit={unit} onClose={() => setStep(null)} onDone={finished} />}
      {step === 'close' && <CloseUnit unit={unit} onClose={() => setStep(null)} onDone={finished} />}
    </View>
  );
}

interface StepProps {
  unit: OrgUnitView;
  onClose: () => void;
  onDone: () => void;
}

function EditUnit({ unit, onClose, onDone }: StepProps) {
  const [draft, setDraft] = useState({ name: unit.name, kind: unit.kind });
  const submit = useSubmit();
  const save = async () => {
    const body = submit.validate(updateOrgUnitBody, draft, { quiet: true });
    if (body && (await submit.send(() => call(api.org.updateOrgUnit, { params: { id: unit.id }, body })))) onDone();
  };
  return (
    <Sheet
      open
      title="改名或改类别"
      onClose={onClose}
      footer={
        <Button type="primary" block loading={submit.saving} onClick={() => void save()}>
          保存
        </Button>
      }
    >
      <TextField
        label="单位名称"
        required
        value={draft.name}
        onInput={(name) => setDraft({ ...draft, name })}
        error={submit.errors.name}
      />
      <TextField
        label="单位类别"
        required
        value={draft.kind}
        onInput={(kind) => setDraft({ ...draft, kind })}
        error={submit.errors.kind}
      />
      <Banner message={submit.banner} />
    </Sheet>
  );
}

function MoveUnit({ unit, onClose, onDone }: StepProps) {
  const streets = useRemote(() => call(api.org.listOrgChildren, { query: { kind: 'street', pageSize: 100 } }), []);
  const [streetId, setStreetId] = useState(unit.street.id);
  const submit = useSubmit();
  const save = async () => {
    const street = streets.data?.items.find((s) => s.id === streetId);
    if (
      !street ||
      !(await confirmDanger(
        `改属「${street.name}」？`,
        `「${unit.name}」的授权随单位改属；场地等资源留在原处。`,
        '改属',
      ))
    )
      return;
    if (await submit.send(() => call(api.org.moveOrgUnit, { params: { id: unit.id }, body: { streetId } }))) onDone();
  };
  return (
    <Sheet
      open
      title="改属街道"
      onClose={onClose}
      footer={
        <Button
          type="primary"
          block
          disabled={streetId === unit.street.id}
          loading={submit.saving}
          onClick={() => void save()}
        >
          改属
        </Button>
      }
    >
      <Chips
        options={(streets.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
        value={streetId}
        onChange={setStreetId}
      />
      <Banner message={submit.banner} />
    </Sheet>
  );
}

function CloseUnit({ unit, onClose, onDone }: StepProps) {
  const others = useRemote(() => call(api.org.listOrgUnits, { query: { pageSize: 100 } }), []);
  const [targetId, setTargetId] = useState('');
  const impact = useRemote(
    () => call(api.org.getOrgUnitImpact, { params: { id: unit.id }, query: targetId ? { targetId } : {} }),
    [targetId],
  );
  const [reason, setReason] = useState('');
  const submit = useSubmit();
  const data = impact.data;
  const ready = !!data && !impact.loading && (!data.blocking || !!targetId);
  const save = async () => {
    if (!data) return;
    const target = data.target?.name;
    if (
      !(await confirmDanger(
        target ? `并入「${target}」？` : `停用「${unit.name}」？`,
        data.sentence,
        target ? '合并' : '停用',
      ))
    )
      return;
    const body = { ...(reason.trim() ? { reason } : {}) };
    const sent = await submit.send(() =>
      targetId
        ? call(api.org.mergeOrgUnit, { params: { id: unit.id }, body: { targetId, ...body } })
        : call(api.org.deactivateOrgUnit, { params: { id: unit.id }, body }),
    );
    if (sent) onDone();
  };
  return (
    <Sheet
      open
      title="合并或停用"
      onClose={onClose}
      footer={
        <Button type="primary" block disabled={!ready} loading={submit.saving} onClick={() => void save()}>
          {targetId ? '合并' : '停用'}
        </Button>
      }
    >
      {data && <Text className={`org-impact ${data.blocking ? '' : 'org-impact--calm'}`}>{data.sentence}</Text>}
      <Text className="org-note">转到哪个单位（有内容时必须选择）：</Text>
      <Chips
        className="org-chip-row"
        options={(others.data?.items ?? [])
          .filter((u) => u.id !== unit.id)
          .map((u) => ({ value: u.id, label: u.name }))}
        value={targetId}
        onChange={(v) => setTargetId(v === targetId ? '' : v)}
      />
      <TextField label="原因" value={reason} onInput={setReason} placeholder="例如：单位撤并" maxlength={200} />
      <Banner message={submit.banner} />
    </Sheet>
  );
}
