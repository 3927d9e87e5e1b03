import { useRef, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { api, createOrgUnitBody, type OrgUnitView } from '@gongzhi/shared';
import { call } from '../../../services/api';
import { requestKey } from '../../../components/ResidentKit';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { useRemote } from '../../../hooks/useRemote';
import { useAdminAccess } from '../../../hooks/useAdminAccess';
import { AdminForbidden } from '../../../components/AdminForbidden';
import { AdminList, useListPage } from '../../admin/components/AdminList';
import { Banner, Chips, Sheet, Tag } from '../../admin/components/ui';
import { ChipsField, TextField } from '../../admin/components/form';
import { usePaged } from '../../admin/lib/usePaged';
import { useSubmit } from '../../admin/lib/useSubmit';
import { go, urls } from '../lib';
import '../../admin/components/ui.scss';
import '../org.scss';

/** 驻区单位: the units of a street (the county: of every street), and a new one. */
export default function OrgUnitsPage() {
  const signedIn = useSignedIn();
  const access = useAdminAccess();
  const allowed = access.can(api.org.listOrgUnits);
  const county = access.roles.includes('countyAdmin');
  const [streetId, setStreetId] = useState(useRouter().params.streetId ?? '');
  const [closed, setClosed] = useState(false);
  const streets = useRemote(
    () => call(api.org.listOrgChildren, { query: { kind: 'street', pageSize: 100 } }),
    [],
    signedIn && allowed && county,
  );
  const list = usePaged<OrgUnitView>(
    (page) =>
      call(api.org.listOrgUnits, {
        query: {
          ...(streetId ? { streetId } : {}),
          ...(closed ? { includeInactive: 'true' as const } : {}),
          page,
          pageSize: 20,
        },
      }),
    [streetId, closed],
    signedIn && allowed,
  );
  useListPage(list, { reloadOnShow: true });
  const [adding, setAdding] = useState(false);

  if (!allowed) return <AdminForbidden />;
  const streetOptions = [
    { value: '', label: '全部街道' },
    ...(streets.data?.items.map((s) => ({ value: s.id, label: s.name })) ?? []),
  ];

  return (
    <View className="page org-page org-units">
      {county && <Chips className="org-chip-row" options={streetOptions} value={streetId} onChange={setStreetId} />}
      <Text className="org-button org-units__new" onClick={() => setAdding(true)}>
        ＋ 新增驻区单位
      </Text>
      <View className="org-chip-row" />
      <AdminList
        list={list}
        loadingCount={4}
        empty={{ text: '还没有驻区单位', hint: '点“新增驻区单位”添加，或在“名册导入”里导入' }}
        render={(u) => (
          <View
            key={u.id}
            className={`org-row org-unit ${u.active ? '' : 'org-row--closed'}`}
            hoverClass="admin-pressed"
            onClick={() => go(urls.unit(u.id))}
          >
            <View className="org-row__body">
              <Text className="org-row__title">{u.name}</Text>
              <View className="org-row__sub">
                <Text>{`${u.kind} · ${u.street.name}`}</Text>
                {!u.active && <Tag tone="grey">已停用</Tag>}
              </View>
            </View>
            <Text className="org-row__arrow">›</Text>
          </View>
        )}
      />
      <Text className="org-note" onClick={() => setClosed(!closed)}>
        {closed ? '不显示已停用的' : '显示已停用的'}
      </Text>
      {adding && (
        <NewUnit
          streets={streetOptions.filter((s) => s.value)}
          streetId={streetId || access.user?.posts.find((p) => p.place.kind === 'street')?.place.id || ''}
          onClose={() => setAdding(false)}
          onDone={() => {
            setAdding(false);
            void list.reload();
          }}
        />
      )}
    </View>
  );
}

function NewUnit({
  streets,
  streetId,
  onClose,
  onDone,
}: {
  streets: { value: string; label: string }[];
  streetId: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const [draft, setDraft] = useState({ name: '', kind: '', streetId });
  const submit = useSubmit();
  const key = useRef(requestKey());
  const save = async () => {
    const body = submit.validate(createOrgUnitBody, draft, { quiet: true });
    if (!body) return;
    if (await submit.send(() => call(api.org.createOrgUnit, { body, header: { 'Idempotency-Key': key.current } })))
      onDone();
  };
  return (
    <Sheet
      open
      title="新增驻区单位"
      onClose={onClose}
      footer={
        <Button type="primary" block loading={submit.saving} onClick={() => void save()}>
          新增
        </Button>
      }
    >
      <TextField
        label="单位名称"
        required
        value={draft.name}
        onInput={(name) => setDraft({ ...draft, name })}
        placeholder="例如：县第二中学"
        error={submit.errors.name}
      />
      <TextField
        label="单位类别"
        required
        value={draft.kind}
        onInput={(kind) => setDraft({ ...draft, kind })}
        placeholder="如 机关、教育、医疗卫生、国有企业"
        error={submit.errors.kind}
      />
      {streets.length > 0 && (
        <ChipsField
          label="所属街道"
          required
          options={streets}
          value={draft.streetId}
          onChange={(s) => setDraft({ ...draft, streetId: s })}
          error={submit.errors.streetId}
        />
      )}
      <Banner message={submit.banner} />
    </Sheet>
  );
}
