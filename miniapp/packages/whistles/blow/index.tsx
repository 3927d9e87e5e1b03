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
import { check, failure, type FieldMessages } from '../../admin/lib/forms';
import '../../admin/components/ui.scss';
import './index.scss';

/** Types this form blows: to the street or to departments (项目吹哨 starts from a project, 党员报到 needs a volunteer call). */
const FORM_TYPES: WhistleType[] = ['govToDepartment', 'communityToStreet'];
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
  const signedIn = useSignedIn();
  const access = useAdminAccess();
  const types = FORM_TYPES.filter((t) => WHISTLE_TYPE_RULES[t].blowers.some((r) => access.roles.includes(r)));
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
  const [form, setForm] = useState<Form>({
    type: types[0] ?? 'govToDepartment',
    title: '',
    description: '',
    category: 'other',
    urgency: 'urgent',
    departments: [],
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

  if (!signedIn) return <View className="page" />;
  if (!allowed) return <AdminForbidden />;

  const edit = (change: Partial<Form>) => {
    setForm((f) => ({ ...f, ...change }));
    setFields((now) =>
      Object.fromEntries(
        Object.entries(now).filter(
          ([k]) => !Object.keys(change).some((c) => k.startsWith(c === 'departments' ? 'targets' : c)),
        ),
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
    const targets =
      form.type === 'govToDepartment'
        ? form.departments.map((orgId) => ({ kind: 'department' as const, orgId }))
        : undefined;
    const common = {
      type: form.type as 'govToDepartment' | 'communityToStreet',
      title: form.title,
      description: form.description,
      category: form.category,
      urgency: form.urgency,
      targets,
    };
    const problems = findingId
      ? check(api.grids.convertFindingToWhistle.body, common)
      : check(api.whistles.blowWhistle.body, { ...common, subject });
    setFields(problems ?? {});
    if (problems) {
      setBanner('请检查标出的项目');
      return;
    }
    const { confirm } = await Taro.showModal({
      title: '确认吹哨？',
      content:
        form.type === 'govToDepartment'
          ? `将吹给 ${form.departments.length} 个职能部门，吹哨后不能撤回，报到时限即刻开始计算。`
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
        : (await call(api.whistles.blowWhistle, { body: { ...common, subject }, header })).id;
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

  if (findingId && !finding.data) {
    return (
      <View className="page">
        {finding.loading && <LoadingCards count={2} />}
        {finding.error && <ErrorState message={finding.error} onRetry={() => void finding.reload()} />}
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
            value={form.type}
            onChange={(type) => edit({ type })}
          />
        </Field>
        {form.type === 'govToDepartment' && (
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
        {form.type === 'communityToStreet' && (
          <Text className="form-field__hint whistle-blow__street">报到对象为本社区所在街道</Text>
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
      </Card>
      <ActionBar>
        <Button type="primary" block loading={busy} className="whistle-blow__submit" onClick={() => void submit()}>
          吹哨
        </Button>
      </ActionBar>
    </View>
  );
}
