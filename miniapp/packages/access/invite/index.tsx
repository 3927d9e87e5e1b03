import { useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text, Picker } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  GRANT_ROLE_DUTIES,
  INVITATION_DEFAULT_DAYS,
  ROLE_LABELS,
  addDays,
  api,
  grantableRoles,
  localDateOf,
  type GrantRole,
} from '@gongzhi/shared';
import { call } from '../../../services/api';
import { requestKey } from '../../../components/ResidentKit';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { useRemote } from '../../../hooks/useRemote';
import { useAdminAccess } from '../../../hooks/useAdminAccess';
import { AdminForbidden } from '../../../components/AdminForbidden';
import { useSubmit } from '../../admin/lib/useSubmit';
import { ChipsField, TextField } from '../../admin/components/form';
import { ActionBar, Banner, Card, Field, PickerValue } from '../../admin/components/ui';
import { ChoiceField } from '../lib/ChoiceField';
import { INVITATION_MADE } from '../lib/events';
import '../../admin/components/ui.scss';
import '../access.scss';

const DAYS = [1, 3, 7, 15, 30] as const;

interface Draft {
  role: GrantRole | null;
  placeId: string;
  resourceId: string | null;
  validDays: number;
  until: string | null;
  note: string;
}

/**
 * 新邀请: which post (the roles the caller may grant), where (the places of that role's kind in the
 * caller's oversight), how long the invitation may be accepted, until when the post holds, and a note
 * saying whom it is for. Made once per form (Idempotency-Key); then the list opens its share view.
 */
export default function InvitePage() {
  const signedIn = useSignedIn();
  const access = useAdminAccess();
  const allowed = access.can(api.grants.createInvitation);
  const roles = grantableRoles(access.roles);
  const [draft, setDraft] = useState<Draft>({
    role: roles.length === 1 ? roles[0] : null,
    placeId: '',
    resourceId: null,
    validDays: INVITATION_DEFAULT_DAYS,
    until: null,
    note: '',
  });
  const places = useRemote(
    async () => ({
      role: draft.role,
      items: (await call(api.grants.listGrantPlaces, { query: { role: draft.role! } })).items,
    }),
    [draft.role],
    signedIn && allowed && !!draft.role,
  );
  const submit = useSubmit();
  const key = useRef(requestKey());

  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  // One place only (the county, one's own unit): chosen already.
  // Only the places of the role now chosen: the last role's stay in `data` until the new ones arrive.
  const current = places.data?.role === draft.role ? places.data : null;
  const options = current?.items ?? [];
  const only = options.length === 1 ? options[0].id : null;
  useEffect(() => {
    if (only) setDraft((d) => (d.placeId ? d : { ...d, placeId: only }));
  }, [only]);

  if (!signedIn) return <View className="page" />;
  if (!allowed || roles.length === 0) return <AdminForbidden detail="您现在的岗位不能邀请其他工作人员。" />;

  const place = options.find((p) => p.id === draft.placeId) ?? null;
  const people = draft.role === 'servicePerson' ? (place?.resources ?? []) : [];
  const tomorrow = addDays(localDateOf(new Date()), 1);

  const send = async () => {
    const body = submit.validate(
      api.grants.createInvitation.body!,
      {
        role: draft.role ?? undefined,
        placeId: draft.placeId,
        validDays: draft.validDays,
        until: draft.until,
        resourceId: draft.resourceId,
        note: draft.note,
      },
      {
        adjust: (m) => {
          if (m.placeId) m.placeId = '请选择地方';
        },
      },
    );
    if (!body) return;
    let made = '';
    const ok = await submit.send(async () => {
      made = (await call(api.grants.createInvitation, { body, header: { 'Idempotency-Key': key.current } })).id;
    });
    if (!ok) return;
    key.current = requestKey();
    Taro.eventCenter.trigger(INVITATION_MADE, made);
    if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
    else void Taro.redirectTo({ url: `/packages/access/invitations/index?share=${made}` });
  };

  return (
    <View className="page access-page invite-form">
      <Card>
        <Banner message={submit.banner} />
        <ChipsField
          label="邀请担任"
          required
          className="invite-form__role"
          options={roles.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
          value={draft.role}
          onChange={(role) => set({ role, placeId: '', resourceId: null })}
          error={submit.errors.role}
          hint={draft.role ? `职责：${GRANT_ROLE_DUTIES[draft.role]}` : undefined}
        />
        {draft.role && (
          <ChoiceField
            label="在哪里"
            title="选择地方"
            required
            className="invite-form__place"
            error={submit.errors.placeId}
            choices={options.map((p) => ({ id: p.id, label: p.name, sub: p.path }))}
            value={draft.placeId || null}
            onChange={(placeId) => set({ placeId, resourceId: null })}
            placeholder={
              places.loading || (!current && !places.error)
                ? '正在加载…'
                : places.error
                  ? `没有加载出来：${places.error}`
                  : options.length
                    ? '请选择'
                    : '您的管辖范围内没有可选的地方'
            }
          />
        )}
        {people.length > 0 && (
          <ChoiceField
            label="作为本单位的哪位人员"
            title="选择人员"
            className="invite-form__person"
            error={submit.errors.resourceId}
            hint="选了之后，派给这位人员的居民需求会直接送到受邀人手里；可不选"
            choices={[{ id: 'none', label: '暂不关联' }, ...people.map((r) => ({ id: r.id, label: r.name }))]}
            value={draft.resourceId}
            onChange={(id) => set({ resourceId: id === 'none' ? null : id })}
            placeholder="暂不关联"
          />
        )}
        <ChipsField
          label="邀请几天内有效"
          options={DAYS.map((d) => ({ value: String(d), label: `${d} 天` }))}
          value={String(draft.validDays)}
          onChange={(d) => set({ validDays: Number(d) })}
          error={submit.errors.validDays}
          hint="过期没有接受的邀请自动作废"
        />
        <Field label="任职到哪天为止" error={submit.errors.until} hint="不填：一直有效，直到被撤销">
          <View className="invite-form__until">
            <Picker
              mode="date"
              value={draft.until ?? tomorrow}
              start={tomorrow}
              onChange={(e) => set({ until: e.detail.value })}
            >
              <PickerValue text={draft.until} placeholder="不限（可选）" />
            </Picker>
            {draft.until && (
              <Text className="invite-form__clear" onClick={() => set({ until: null })}>
                清除
              </Text>
            )}
          </View>
        </Field>
        <TextField
          label="备注"
          className="invite-form__note"
          value={draft.note}
          onInput={(note) => set({ note })}
          maxlength={40}
          placeholder="给谁的，例如：给李华"
          error={submit.errors.note}
          hint="只有您和上级能看到，方便在列表里认出这个邀请"
        />
      </Card>
      <ActionBar>
        <Button className="invite-form__submit" type="primary" loading={submit.saving} onClick={() => void send()}>
          生成邀请
        </Button>
      </ActionBar>
    </View>
  );
}
