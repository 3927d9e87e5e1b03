import { useEffect, useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { api, createOrgNodeBody, updateOrgNodeBody, type TreeKind } from '@gongzhi/shared';
import { call } from '../../../services/api';
import { requestKey } from '../../../components/ResidentKit';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { useRemote } from '../../../hooks/useRemote';
import { useAdminAccess } from '../../../hooks/useAdminAccess';
import { AdminForbidden } from '../../../components/AdminForbidden';
import { ErrorState, LoadingCards } from '../../../components/PageState';
import { Banner, Card } from '../../admin/components/ui';
import { ChipsField, TextField } from '../../admin/components/form';
import { useSubmit } from '../../admin/lib/useSubmit';
import { done, kindLabel } from '../lib';
import '../../admin/components/ui.scss';
import '../org.scss';

interface Draft {
  name: string;
  old: 'yes' | 'no';
  hasProperty: 'yes' | 'no';
  lng: string;
  lat: string;
  /** Communities: the office's phone and hours, which residents see when an order is late or refused. */
  phone: string;
  officeHours: string;
  reason: string;
}

const YES_NO = [
  { value: 'yes' as const, label: '是' },
  { value: 'no' as const, label: '否' },
];

/** Where the phone is (weapp: picked on the map, GCJ-02); null when refused or unavailable. */
async function locate(): Promise<{ lat: number; lng: number } | null> {
  try {
    if (process.env.TARO_ENV === 'weapp') {
      const picked = await Taro.chooseLocation({});
      return { lat: picked.latitude, lng: picked.longitude };
    }
    const here = await Taro.getLocation({ type: 'gcj02' });
    return { lat: here.latitude, lng: here.longitude };
  } catch {
    return null;
  }
}

/** 新建 (parentId + kind) or 修改 (id) a node: its name; a complex's 老旧小区 / 有物业; a location. */
export default function OrgEditPage() {
  const signedIn = useSignedIn();
  const access = useAdminAccess();
  const { id, parentId, kind: newKind } = useRouter().params;
  const editing = !!id;
  const allowed = access.can(editing ? api.org.updateOrgNode : api.org.createOrgNode);
  const target = useRemote(
    () => call(api.org.getOrgNode, { params: { id: (id ?? parentId)! } }),
    [id, parentId],
    signedIn && allowed && !!(id ?? parentId),
  );
  const [draft, setDraft] = useState<Draft>({
    name: '',
    old: 'no',
    hasProperty: 'no',
    lng: '',
    lat: '',
    phone: '',
    officeHours: '',
    reason: '',
  });
  const submit = useSubmit();
  const key = useRef(requestKey());

  const node = editing ? target.data?.node : null;
  useEffect(() => {
    if (!node) return;
    setDraft({
      name: node.name,
      old: node.old ? 'yes' : 'no',
      hasProperty: node.hasProperty ? 'yes' : 'no',
      lng: node.location ? String(node.location.lng) : '',
      lat: node.location ? String(node.location.lat) : '',
      phone: node.phone ?? '',
      officeHours: node.officeHours ?? '',
      reason: '',
    });
    // Filled once per node: a reload must not undo what is being typed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [node?.id]);

  if (!allowed) return <AdminForbidden />;
  if (target.loading && !target.data) return <LoadingCards count={2} />;
  if (target.error || !target.data)
    return <ErrorState message={target.error ?? '没有找到'} onRetry={() => void target.reload()} />;
  const kind = (editing ? target.data.node.kind : newKind) as TreeKind;
  const isComplex = kind === 'complex';
  const hasLocation = isComplex || kind === 'community';
  const hasOffice = editing && kind === 'community';
  // A changed field loses its message (and the banner with the last one).
  const set = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    submit.edited(...Object.keys(patch));
  };

  const location = () => {
    if (!draft.lng.trim() && !draft.lat.trim()) return null;
    return { lng: Number(draft.lng), lat: Number(draft.lat) };
  };

  const save = async () => {
    const flags = isComplex ? { old: draft.old === 'yes', hasProperty: draft.hasProperty === 'yes' } : {};
    const place = hasLocation ? location() : undefined;
    if (editing) {
      const body = submit.validate(updateOrgNodeBody, {
        name: draft.name,
        ...flags,
        ...(hasLocation ? { location: place } : {}),
        ...(hasOffice ? { phone: draft.phone.trim() || null, officeHours: draft.officeHours.trim() || null } : {}),
        ...(draft.reason.trim() ? { reason: draft.reason } : {}),
      });
      if (!body) return;
      const ok = await submit.send(() => call(api.org.updateOrgNode, { params: { id: id! }, body }));
      if (ok) done('已保存');
      return;
    }
    const body = submit.validate(createOrgNodeBody, {
      kind,
      parentId,
      name: draft.name,
      ...flags,
      ...(place ? { location: place } : {}),
    });
    if (!body) return;
    const ok = await submit.send(() =>
      call(api.org.createOrgNode, { body, header: { 'Idempotency-Key': key.current } }),
    );
    if (ok) done(`已新建${kindLabel(kind)}`);
  };

  const fill = async () => {
    const here = await locate();
    if (!here) return void Taro.showToast({ title: '没有取到位置，可以手动填写', icon: 'none' });
    set({ lng: here.lng.toFixed(6), lat: here.lat.toFixed(6) });
  };

  return (
    <View className="page org-page org-edit">
      <Card title={editing ? `修改${kindLabel(kind)}` : `在「${target.data.node.name}」下新建${kindLabel(kind)}`}>
        <TextField
          label={`${kindLabel(kind)}名称`}
          required
          value={draft.name}
          onInput={(name) => set({ name })}
          placeholder={kind === 'building' ? '例如：1号楼' : `例如：${EXAMPLES[kind]}`}
          maxlength={40}
          error={submit.errors.name}
          className="org-edit__name"
        />
        {isComplex && (
          <>
            <ChipsField label="老旧小区" options={YES_NO} value={draft.old} onChange={(old) => set({ old })} />
            <ChipsField
              label="有物业服务"
              options={YES_NO}
              value={draft.hasProperty}
              onChange={(hasProperty) => set({ hasProperty })}
            />
          </>
        )}
        {hasLocation && (
          <>
            <TextField
              label="经度"
              type="digit"
              value={draft.lng}
              onInput={(lng) => set({ lng })}
              placeholder="可不填，例如 104.0712"
              error={submit.errors['location.lng'] ?? submit.errors.location}
            />
            <TextField
              label="纬度"
              type="digit"
              value={draft.lat}
              onInput={(lat) => set({ lat })}
              placeholder="可不填，例如 30.6703"
              error={submit.errors['location.lat']}
            />
            <Text className="org-button org-button--plain org-button--block" onClick={() => void fill()}>
              用手机定位填写
            </Text>
          </>
        )}
        {hasOffice && (
          <>
            <TextField
              label="社区电话"
              type="text"
              value={draft.phone}
              onInput={(phone) => set({ phone })}
              placeholder="居民办事打的电话，例如 028-84561201"
              maxlength={20}
              error={submit.errors.phone}
              className="org-edit__phone"
            />
            <TextField
              label="办公时间"
              value={draft.officeHours}
              onInput={(officeHours) => set({ officeHours })}
              placeholder="例如：工作日 8:30–17:30"
              maxlength={40}
              error={submit.errors.officeHours}
              className="org-edit__hours"
            />
          </>
        )}
        {editing && (
          <TextField
            label="修改原因"
            value={draft.reason}
            onInput={(reason) => set({ reason })}
            placeholder="可不填，例如：按民政局批复更名"
            maxlength={200}
            error={submit.errors.reason}
            className="org-edit__reason"
          />
        )}
      </Card>
      <Banner message={submit.banner} />
      <View className="org-page__foot">
        <Button type="primary" block loading={submit.saving} className="org-edit__submit" onClick={() => void save()}>
          {editing ? '保存' : `新建${kindLabel(kind)}`}
        </Button>
      </View>
    </View>
  );
}

const EXAMPLES: Record<TreeKind, string> = {
  street: '城关街道',
  community: '南门社区',
  grid: '南门第一网格',
  complex: '南门小区',
  building: '1号楼',
  department: '县民政局',
};
