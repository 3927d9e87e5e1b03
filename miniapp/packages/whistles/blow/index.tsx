import { useEffect, useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  WHISTLE_CATEGORIES,
  WHISTLE_TYPE_LABELS,
  WHISTLE_TYPE_RULES,
  WHISTLE_URGENCIES,
  WHISTLE_URGENCY_LABELS,
  MAX_WHISTLE_PHOTOS,
  api,
  whistleCategoryOfNeed,
  type WhistleCategory,
  type WhistleType,
  type WhistleUrgency,
} from '@gongzhi/shared';
import { call } from '../../../services/api';
import { askToSubscribe, loadTemplates } from '../../../services/subscribe';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { useRemote } from '../../../hooks/useRemote';
import { useAdminAccess } from '../../../hooks/useAdminAccess';
import { requestKey } from '../../../components/ResidentKit';
import { ErrorState, LoadingCards } from '../../../components/PageState';
import { AdminForbidden } from '../../../components/AdminForbidden';
import { ActionBar, Banner, Card, Chips, Field, TextArea, TextInput } from '../../admin/components/ui';
import { ShiftFields, newShiftDraft, shiftBodyOf, type ShiftDraft } from '../../admin/components/ShiftFields';
import { PhotoPicker, photoIds, photoProblem, type PhotoItem } from '../../admin/components/PhotoPicker';
import { check, failure, type FieldMessages } from '../../admin/lib/forms';
import '../../admin/components/ui.scss';
import './index.scss';

/** Types blown from the caller's own place; 项目吹哨 (projectToDepartment) only from a project (`?projectId=`). */
const FORM_TYPES: WhistleType[] = ['govToDepartment', 'communityToStreet', 'communityToPartyMembers'];
const PROJECT_TYPES: WhistleType[] = ['projectToDepartment'];
/** Which error paths a form field's change clears. */
const FIELD_OF: Record<string, string> = {
  departments: 'targets',
  address: 'volunteerCall.address',
  shift: 'volunteerCall.shift',
};
const URGENCY_HINT: Record<WhistleUrgency, string> = {
  emergency: '默认 30 分钟内报到，2 小时内办结',
  urgent: '默认 2 小时内报到，24 小时内办结',
  normal: '默认 24 小时内报到，7 天内办结',
};

interface Form {
  type: WhistleType;
  title: string;
  description: string;
  category: WhistleCategory;
  urgency: WhistleUrgency;
  departments: string[];
  photos: PhotoItem[];
  /** 社区吹哨党员报到: where party members gather, and the shift they sign up for. */
  address: string;
  shift: ShiftDraft;
}

/** The volunteer call's field messages, by the shift's own field names. */
function shiftErrors(fields: FieldMessages): Partial<Record<keyof ShiftDraft, string>> {
  const of = (k: string) => fields[`volunteerCall.shift.${k}`];
  return {
    date: of('start'),
    start: of('start'),
    end: of('end'),
    seats: of('seats'),
    cutoffHours: of('cutoffHours'),
  };
}

/**
 * 吹哨: a problem the community cannot solve goes to the street or to departments, who must report
 * in time. With `findingId` it turns a patrol finding into the whistle in one step.
 */
export default function BlowWhistlePage() {
  const params = useRouter().params;
  const findingId = params.findingId ?? '';
  /** A resident's need the community cannot solve (from the need's admin page). */
  const needId = findingId ? '' : (params.needId ?? '');
  /** 项目吹哨部门报到: blown from this project (its editors, from the project's page). */
  const projectId = findingId || needId ? '' : (params.projectId ?? '');
  const signedIn = useSignedIn();
  const access = useAdminAccess();
  const types = (projectId ? PROJECT_TYPES : FORM_TYPES).filter((t) =>
    WHISTLE_TYPE_RULES[t].blowers.some((r) => access.roles.includes(r)),
  );
  const allowed = types.length > 0 && (!findingId || access.can(api.grids.convertFindingToWhistle));
  const departments = useRemote(() => call(api.whistles.listWhistleDepartments), [], signedIn && allowed);
  const finding = useRemote(
    () => call(api.grids.getFinding, { params: { id: findingId } }),
    [findingId],
    signedIn && allowed && !!findingId,
  );
  const need = useRemote(
    () => call(api.needs.getNeed, { params: { id: needId } }),
    [needId],
    signedIn && allowed && !!needId,
  );
  const project = useRemote(
    () => call(api.projects.getProject, { params: { id: projectId } }),
    [projectId],
    signedIn && allowed && !!projectId,
  );
  const [form, setForm] = useState<Form>({
    type: types[0] ?? 'govToDepartment',
    title: '',
    description: '',
    category: 'other',
    urgency: 'urgent',
    departments: [],
    photos: [],
    address: '',
    shift: newShiftDraft(),
  });
  const [fields, setFields] = useState<FieldMessages>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const key = useRef(requestKey());

  useEffect(() => void loadTemplates(), []);
  // A finding fills the form with its own words and category.
  useEffect(() => {
    const f = finding.data;
    if (!f) return;
    setForm((now) => ({
      ...now,
      title: now.title || f.description.slice(0, 60),
      description: now.description || f.description,
      category: f.category,
    }));
  }, [finding.data]);
  useEffect(() => {
    const n = need.data;
    if (!n) return;
    setForm((now) => ({
      ...now,
      title: now.title || n.title.slice(0, 60),
      description: now.description || n.description || n.title,
      category: whistleCategoryOfNeed(n.categoryCode),
    }));
  }, [need.data]);
  const subject = needId ? { kind: 'need' as const, id: needId } : { kind: 'text' as const };
  const origin = projectId ? { kind: 'project' as const, id: projectId } : undefined;
  // The form may open before the roles are known: the type is always one this person may blow.
  const type = types.includes(form.type) ? form.type : (types[0] ?? form.type);

  if (!signedIn) return <View className="page" />;
  if (!allowed) return <AdminForbidden />;

  const edit = (change: Partial<Form>) => {
    setForm((f) => ({ ...f, ...change }));
    setFields((now) =>
      Object.fromEntries(
        Object.entries(now).filter(([k]) => !Object.keys(change).some((c) => k.startsWith(FIELD_OF[c] ?? c))),
      ),
    );
  };
  const toggleDepartment = (id: string) =>
    edit({
      departments: form.departments.includes(id) ? form.departments.filter((d) => d !== id) : [...form.departments, id],
    });

  const submit = async () => {
    // WeChat shows its consent dialog only from a tap: ask first, before any await.
    askToSubscribe('whistle');
    const toDepartments = WHISTLE_TYPE_RULES[type].target === 'department';
    const targets = toDepartments
      ? form.departments.map((orgId) => ({ kind: 'department' as const, orgId }))
      : undefined;
    const common = {
      type: type as 'govToDepartment' | 'communityToStreet' | 'communityToPartyMembers',
      title: form.title,
      description: form.description,
      category: form.category,
      urgency: form.urgency,
      targets,
      volunteerCall:
        type === 'communityToPartyMembers' ? { address: form.address, shift: shiftBodyOf(form.shift) } : undefined,
    };
    const blowBody = { ...common, type, origin, subject, photos: photoIds(form.photos) };
    const problems = findingId
      ? check(api.grids.convertFindingToWhistle.body, common)
      : check(api.whistles.blowWhistle.body, blowBody);
    setFields(problems ?? {});
    if (problems) {
      setBanner('请检查标出的项目');
      return;
    }
    const waiting = photoProblem(form.photos);
    if (waiting) {
      setBanner(waiting);
      return;
    }
    const { confirm } = await Taro.showModal({
      title: '确认吹哨？',
      content: toDepartments
        ? `将吹给 ${form.departments.length} 个职能部门，吹哨后不能撤回，报到时限即刻开始计算。`
        : type === 'communityToPartyMembers'
          ? `将召集本社区在职党员报到（${form.shift.seats} 个名额），吹哨后不能撤回。`
          : '将吹给本街道，吹哨后不能撤回，报到时限即刻开始计算。',
      confirmText: '吹哨',
      confirmColor: '#D42A1F',
    });
    if (!confirm) return;
    setBusy(true);
    setBanner(null);
    try {
      const header = { 'Idempotency-Key': key.current };
      const whistleId = findingId
        ? (await call(api.grids.convertFindingToWhistle, { params: { id: findingId }, body: common, header })).outcome
            ?.targetId
        : (await call(api.whistles.blowWhistle, { body: blowBody, header })).id;
      void Taro.showToast({ title: '已吹哨', icon: 'success' });
      if (whistleId) void Taro.redirectTo({ url: `/packages/whistles/detail/index?id=${whistleId}` });
      else void Taro.navigateBack();
    } catch (e) {
      const f = failure(e);
      setFields(f.fields);
      setBanner(f.message);
    } finally {
      setBusy(false);
    }
  };

  const source = findingId ? finding : projectId ? project : null;
  if (source && !source.data) {
    return (
      <View className="page">
        {source.loading && <LoadingCards count={2} />}
        {source.error && <ErrorState message={source.error} onRetry={() => void source.reload()} />}
      </View>
    );
  }

  return (
    <View className="page whistle-blow">
      {need.data && (
        <View className="whistle-blow__from">
          <Text className="whistle-blow__from-label">来自居民需求</Text>
          <Text className="whistle-blow__from-text">{`${need.data.place.label} · ${need.data.title}`}</Text>
        </View>
      )}
      {project.data && (
        <View className="whistle-blow__from whistle-blow__project">
          <Text className="whistle-blow__from-label">项目吹哨</Text>
          <Text className="whistle-blow__from-text">{`${project.data.title} · ${project.data.place.label}`}</Text>
        </View>
      )}
      {finding.data && (
        <View className="whistle-blow__from">
          <Text className="whistle-blow__from-label">来自巡查发现</Text>
          <Text className="whistle-blow__from-text">{`${finding.data.place.label} · ${finding.data.description}`}</Text>
        </View>
      )}
      <Card>
        <Banner message={banner} />
        <Field label="吹哨类型" required error={fields.type}>
          <Chips
            options={types.map((t) => ({ value: t, label: WHISTLE_TYPE_LABELS[t] }))}
            value={type}
            onChange={(chosen) => edit({ type: chosen })}
          />
        </Field>
        {WHISTLE_TYPE_RULES[type].target === 'department' && (
          <Field label="报到部门（可多选）" required error={fields.targets ?? fields['targets.0.orgId']}>
            {departments.loading && <Text className="form-field__hint">正在加载职能部门…</Text>}
            {departments.error && <Text className="form-field__error">{departments.error}</Text>}
            {departments.data && (
              <Chips
                className="whistle-blow__departments"
                options={departments.data.items.map((d) => ({ value: d.id, label: d.name }))}
                value={form.departments}
                onChange={toggleDepartment}
              />
            )}
          </Field>
        )}
        {type === 'communityToStreet' && (
          <Text className="form-field__hint whistle-blow__street">报到对象为本社区所在街道</Text>
        )}
        {type === 'communityToPartyMembers' && (
          <Text className="form-field__hint whistle-blow__street">
            报到对象为本社区在职党员：吹哨后开出一个志愿活动，党员在“活动”里报名参加
          </Text>
        )}
        <Field label="标题" required error={fields.title}>
          <TextInput
            value={form.title}
            maxlength={60}
            placeholder="例如：南门小区 2 号楼化粪池外溢"
            onInput={(title) => edit({ title })}
          />
        </Field>
        <Field label="问题描述" required error={fields.description}>
          <TextArea
            value={form.description}
            maxlength={2000}
            placeholder="发生了什么、影响多少居民、社区已经做了什么"
            onInput={(description) => edit({ description })}
          />
        </Field>
        <Field label="类别" error={fields.category}>
          <Chips
            options={WHISTLE_CATEGORIES.map((c) => ({ value: c.code, label: c.name }))}
            value={form.category}
            onChange={(category) => edit({ category })}
          />
        </Field>
        <Field label="紧急程度" error={fields.urgency} hint={URGENCY_HINT[form.urgency]}>
          <Chips
            options={WHISTLE_URGENCIES.map((u) => ({ value: u, label: WHISTLE_URGENCY_LABELS[u] }))}
            value={form.urgency}
            onChange={(urgency) => edit({ urgency })}
          />
        </Field>
        {!findingId && (
          <Field label={`照片（选填，最多 ${MAX_WHISTLE_PHOTOS} 张）`} error={fields.photos}>
            <PhotoPicker
              className="whistle-blow__photos"
              photos={form.photos}
              max={MAX_WHISTLE_PHOTOS}
              onChange={(update) => setForm((f) => ({ ...f, photos: update(f.photos) }))}
            />
          </Field>
        )}
      </Card>
      {type === 'communityToPartyMembers' && (
        <Card title="党员报到召集" className="whistle-blow__call">
          <Field label="集合地点" required error={fields['volunteerCall.address'] ?? fields.volunteerCall}>
            <TextInput
              className="whistle-blow__address"
              value={form.address}
              maxlength={100}
              placeholder="例如：南门社区党群服务中心门口"
              onInput={(address) => edit({ address })}
            />
          </Field>
          <ShiftFields
            value={form.shift}
            onChange={(patch) => edit({ shift: { ...form.shift, ...patch } })}
            errors={shiftErrors(fields)}
          />
        </Card>
      )}
      <ActionBar>
        <Button type="primary" block loading={busy} className="whistle-blow__submit" onClick={() => void submit()}>
          吹哨
        </Button>
      </ActionBar>
    </View>
  );
}
