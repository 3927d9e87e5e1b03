import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text, Switch } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  createMenuItemBody,
  updateMenuItemBody,
  CHOICE_FIELD_TYPES,
  MAX_MENU_FIELDS,
  MENU_CATEGORIES,
  MENU_FIELD_TYPES,
  RESOURCE_KINDS,
  RESOURCE_KIND_LABELS,
  api,
  type MenuCategoryCode,
  type MenuItemAdmin,
  type ResourceKind,
} from '@gongzhi/shared';
import { call } from '../../../services/api';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { useRemote } from '../../../hooks/useRemote';
import { useAdminAccess } from '../../../hooks/useAdminAccess';
import { ErrorState, LoadingCards } from '../../../components/PageState';
import { AdminForbidden } from '../../../components/AdminForbidden';
import { menuItems } from '../lib/cache';
import { failure, type FieldMessages } from '../lib/forms';
import { binder, confirmDanger, useSubmit } from '../lib/useSubmit';
import { ActionBar, Banner, Card, Field, PlainButton, TextInput } from '../components/ui';
import { AreaField, ChipsField, TextField, toggled } from '../components/form';
import '../components/ui.scss';
import './index.scss';

type FieldType = (typeof MENU_FIELD_TYPES)[number];

const TYPE_LABELS: Record<FieldType, string> = {
  string: '文字',
  number: '数字',
  datetime: '日期时间',
  singleChoice: '单选',
  multiChoice: '多选',
};

interface OptionDraft {
  key: string;
  label: string;
}

interface FieldDraft {
  /** Stable React key while editing. */
  uid: number;
  code: string;
  label: string;
  type: FieldType;
  required: boolean;
  order: string;
  help: string;
  options: OptionDraft[];
}

interface Draft {
  categoryCode: MenuCategoryCode;
  name: string;
  summary: string;
  description: string;
  resourceKinds: ResourceKind[];
  acceptHours: string;
  completeHours: string;
  order: string;
  fields: FieldDraft[];
}

let uidSeq = 1;

const EMPTY: Draft = {
  categoryCode: 'elderCare',
  name: '',
  summary: '',
  description: '',
  resourceKinds: [],
  acceptHours: '24',
  completeHours: '72',
  order: '1000',
  fields: [],
};

function fromItem(item: MenuItemAdmin): Draft {
  return {
    categoryCode: item.categoryCode,
    name: item.name,
    summary: item.summary,
    description: item.description,
    resourceKinds: [...item.resourceKinds],
    acceptHours: String(item.timeLimits.acceptHours),
    completeHours: String(item.timeLimits.completeHours),
    order: String(item.order),
    fields: [...item.fields]
      .sort((a, b) => a.order - b.order)
      .map((f) => ({
        uid: uidSeq++,
        code: f.code,
        label: f.label,
        type: f.type,
        required: f.required,
        order: String(f.order),
        help: f.help ?? '',
        options: (f.options ?? []).map((o) => ({ ...o })),
      })),
  };
}

/** Text boxes hold strings; the API takes integers. Unparseable text goes as is so the schema names it. */
function num(text: string): number | string {
  const t = text.trim();
  return /^-?\d+$/.test(t) ? Number(t) : t;
}

function toBody(d: Draft) {
  return {
    categoryCode: d.categoryCode,
    name: d.name,
    summary: d.summary,
    description: d.description,
    resourceKinds: d.resourceKinds,
    timeLimits: { acceptHours: num(d.acceptHours), completeHours: num(d.completeHours) },
    order: num(d.order),
    fields: d.fields.map((f) => ({
      code: f.code.trim(),
      label: f.label,
      type: f.type,
      required: f.required,
      order: num(f.order),
      ...(f.help.trim() ? { help: f.help.trim() } : {}),
      ...(CHOICE_FIELD_TYPES.includes(f.type)
        ? { options: f.options.map((o) => ({ key: o.key.trim(), label: o.label })) }
        : {}),
    })),
  };
}

/** The item for editing: from the list the person came from, or loaded by paging the admin list. */
async function loadItem(id: string): Promise<MenuItemAdmin> {
  const cached = menuItems.get(id);
  if (cached) return cached;
  for (let page = 1; page <= 20; page++) {
    const res = await call(api.menu.listMenuAdmin, { query: { includeInactive: 'true', page, pageSize: 100 } });
    const found = res.items.find((i) => i.id === id);
    if (found) return found;
    if (page * 100 >= res.total) break;
  }
  throw new Error('没有找到这个服务项目');
}

function FieldEditor({
  field,
  index,
  count,
  errors,
  onChange,
  onMove,
  onRemove,
}: {
  field: FieldDraft;
  index: number;
  count: number;
  errors: FieldMessages;
  onChange: (f: FieldDraft) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}) {
  const e = (path: string) => errors[`fields.${index}.${path}`];
  const isChoice = CHOICE_FIELD_TYPES.includes(field.type);
  const set = (patch: Partial<FieldDraft>) => onChange({ ...field, ...patch });
  const optionError = field.options.map((_, j) => e(`options.${j}.key`) ?? e(`options.${j}.label`)).find(Boolean);
  return (
    <View className="field-editor">
      <View className="field-editor__head">
        <Text className="field-editor__no">{`填写项 ${index + 1}`}</Text>
        <View className="field-editor__tools">
          {index > 0 && (
            <Text className="field-editor__tool" onClick={() => onMove(-1)}>
              上移
            </Text>
          )}
          {index < count - 1 && (
            <Text className="field-editor__tool" onClick={() => onMove(1)}>
              下移
            </Text>
          )}
          <Text className="field-editor__tool field-editor__tool--danger" onClick={onRemove}>
            删除
          </Text>
        </View>
      </View>
      <TextField
        label="显示名称"
        required
        error={e('label')}
        value={field.label}
        onInput={(label) => set({ label })}
        placeholder="例如：老人行动情况"
        maxlength={40}
      />
      <ChipsField
        label="类型"
        required
        error={e('type')}
        options={MENU_FIELD_TYPES.map((t) => ({ value: t, label: TYPE_LABELS[t] }))}
        value={field.type}
        onChange={(type) =>
          set({
            type,
            options:
              CHOICE_FIELD_TYPES.includes(type) && field.options.length === 0
                ? [
                    { key: 'a', label: '' },
                    { key: 'b', label: '' },
                  ]
                : field.options,
          })
        }
      />
      {isChoice && (
        <Field
          label="选项"
          required
          error={e('options') ?? optionError}
          hint="左边是编码（英文字母开头），右边是居民看到的文字"
        >
          {field.options.map((o, j) => (
            <View key={j} className="field-editor__option">
              <TextInput
                className="field-editor__option-key"
                value={o.key}
                onInput={(key) => set({ options: field.options.map((x, k) => (k === j ? { ...x, key } : x)) })}
                placeholder="编码"
                maxlength={40}
              />
              <TextInput
                className="field-editor__option-label"
                value={o.label}
                onInput={(label) => set({ options: field.options.map((x, k) => (k === j ? { ...x, label } : x)) })}
                placeholder={`选项 ${j + 1}`}
                maxlength={40}
              />
              <Text
                className="field-editor__option-remove"
                onClick={() => set({ options: field.options.filter((_, k) => k !== j) })}
              >
                ✕
              </Text>
            </View>
          ))}
          <Text
            className="field-editor__add-option"
            onClick={() => set({ options: [...field.options, { key: `opt${field.options.length + 1}`, label: '' }] })}
          >
            ＋ 添加选项
          </Text>
        </Field>
      )}
      <View className="field-editor__row">
        <TextField
          label="编码"
          required
          error={e('code')}
          className="field-editor__code"
          value={field.code}
          onInput={(code) => set({ code })}
          placeholder="如 mobility"
          maxlength={40}
        />
        <TextField
          label="排序"
          error={e('order')}
          className="field-editor__order"
          value={field.order}
          onInput={(order) => set({ order })}
          type="number"
          maxlength={3}
        />
      </View>
      <View className="field-editor__required">
        <Text>居民必须填写</Text>
        <Switch checked={field.required} color="#D42A1F" onChange={(ev) => set({ required: ev.detail.value })} />
      </View>
      <TextField
        label="填写说明（选填）"
        error={e('help')}
        value={field.help}
        onInput={(help) => set({ help })}
        placeholder="例如：不填则电话约定"
        maxlength={200}
      />
    </View>
  );
}

export default function MenuEditPage() {
  const id = useRouter().params.id ?? '';
  const editing = id !== '';
  const signedIn = useSignedIn();
  const access = useAdminAccess();
  const allowed = access.staff && access.can(api.menu.createMenuItem);
  const loaded = useRemote(() => loadItem(id), [id], signedIn && allowed && editing);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const { errors, banner, setBanner, saving, validate, send } = useSubmit();

  useEffect(() => {
    if (loaded.data) setDraft(fromItem(loaded.data));
  }, [loaded.data]);
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: editing ? '编辑服务' : '新增服务' });
  }, [editing]);

  if (!signedIn) return <View className="page" />;
  if (!allowed) {
    return (
      <View className="page admin-page">
        <AdminForbidden detail={access.staff ? '服务菜单由社区工作者、街道和县级管理员维护。' : undefined} />
      </View>
    );
  }

  const item = loaded.data;
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const setField = (i: number, f: FieldDraft) => set({ fields: draft.fields.map((x, k) => (k === i ? f : x)) });

  async function save() {
    if (saving) return;
    const body = toBody(draft);
    // The same schemas as the API: a form never sends what the API would refuse.
    if (editing) {
      const update = validate(updateMenuItemBody, body);
      if (update) await send(async () => saved(await call(api.menu.updateMenuItem, { params: { id }, body: update })));
    } else {
      const create = validate(createMenuItemBody, body);
      if (create) await send(async () => saved(await call(api.menu.createMenuItem, { body: create })));
    }
  }

  function saved(item: MenuItemAdmin) {
    menuItems.set(item.id, item);
    void Taro.showToast({ title: '已保存', icon: 'success' });
    // Back to the list it came from; a page opened by link has none, so open the list instead.
    setTimeout(() => {
      if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
      else void Taro.redirectTo({ url: '/packages/admin/menu/index' });
    }, 600);
  }

  async function toggleActive() {
    if (!item) return;
    const stop = `停用「${item.name}」后居民不能再点单，已有的需求照常办理。确定停用吗？`;
    if (item.active && !(await confirmDanger('停用服务', stop, '停用'))) return;
    try {
      const next = item.active
        ? await call(api.menu.deactivateMenuItem, { params: { id } })
        : await call(api.menu.activateMenuItem, { params: { id } });
      menuItems.set(id, next);
      void Taro.showToast({ title: next.active ? '已启用' : '已停用', icon: 'success' });
      void loaded.reload();
    } catch (e) {
      setBanner(failure(e).message);
    }
  }

  if (editing && loaded.loading && !item)
    return (
      <View className="page admin-page">
        <LoadingCards count={3} />
      </View>
    );
  if (editing && loaded.error) {
    return (
      <View className="page admin-page">
        <ErrorState message={loaded.error} onRetry={() => void loaded.reload()} />
      </View>
    );
  }
  if (item && !item.editable) {
    return (
      <View className="page admin-page">
        <AdminForbidden detail="县级默认服务由县里统一维护，社区可以在菜单管理里隐藏它。" />
      </View>
    );
  }

  const e = errors;
  const bind = binder(draft, set, e);
  return (
    <View className="page admin-page menu-edit">
      <Banner message={banner} />
      <Card title="基本信息">
        <ChipsField
          label="服务类别"
          required
          error={e.categoryCode}
          options={MENU_CATEGORIES.map((c) => ({ value: c.code, label: `${c.icon} ${c.name}` }))}
          value={draft.categoryCode}
          onChange={(categoryCode) => set({ categoryCode })}
        />
        <TextField label="服务名称" required {...bind('name')} placeholder="例如：助浴服务" maxlength={30} />
        <TextField
          label="一句话简介"
          required
          {...bind('summary')}
          placeholder="居民在菜单里看到的一句话"
          maxlength={80}
        />
        <AreaField
          label="服务说明"
          required
          {...bind('description')}
          placeholder="服务内容、对象、注意事项"
          maxlength={2000}
        />
      </Card>

      <Card title="办理与派单">
        <ChipsField
          label="可提供服务的资源"
          error={e.resourceKinds}
          options={RESOURCE_KINDS.map((k) => ({ value: k, label: RESOURCE_KIND_LABELS[k] }))}
          value={draft.resourceKinds}
          onChange={(k) => set({ resourceKinds: toggled(draft.resourceKinds, k) })}
        />
        <View className="form-row">
          <TextField
            label="受理时限（小时）"
            required
            {...bind('acceptHours', 'timeLimits.acceptHours')}
            error={e['timeLimits.acceptHours'] ?? e.timeLimits}
            type="number"
            maxlength={3}
          />
          <TextField
            label="办结时限（小时）"
            required
            {...bind('completeHours', 'timeLimits.completeHours')}
            type="number"
            maxlength={4}
          />
        </View>
        <TextField label="菜单中的排序" hint="数字越小越靠前" {...bind('order')} type="number" maxlength={4} />
      </Card>

      <Card
        title="点单时需要填写"
        extra={<Text className="menu-edit__count">{`${draft.fields.length}/${MAX_MENU_FIELDS}`}</Text>}
      >
        {e.fields && <Text className="form-field__error">{e.fields}</Text>}
        {draft.fields.length === 0 && (
          <Text className="menu-edit__empty">居民点单时只需描述需求。可以添加附加填写项，例如“咨询事项”。</Text>
        )}
        {draft.fields.map((f, i) => (
          <FieldEditor
            key={f.uid}
            field={f}
            index={i}
            count={draft.fields.length}
            errors={e}
            onChange={(next) => setField(i, next)}
            onMove={(delta) => {
              const list = [...draft.fields];
              const [moved] = list.splice(i, 1);
              list.splice(i + delta, 0, moved);
              // Order numbers follow the new positions.
              set({ fields: list.map((x, k) => ({ ...x, order: String(k + 1) })) });
            }}
            onRemove={() => set({ fields: draft.fields.filter((_, k) => k !== i) })}
          />
        ))}
        {draft.fields.length < MAX_MENU_FIELDS && (
          <PlainButton
            className="menu-edit__add-field"
            tone="brand"
            onClick={() =>
              set({
                fields: [
                  ...draft.fields,
                  {
                    uid: uidSeq++,
                    code: `field${draft.fields.length + 1}`,
                    label: '',
                    type: 'string',
                    required: false,
                    order: String(draft.fields.length + 1),
                    help: '',
                    options: [],
                  },
                ],
              })
            }
          >
            ＋ 添加填写项
          </PlainButton>
        )}
      </Card>

      {item && (
        <View className="menu-edit__danger">
          <PlainButton
            className="menu-edit__toggle"
            tone={item.active ? 'danger' : 'brand'}
            onClick={() => void toggleActive()}
          >
            {item.active ? '停用这项服务' : '重新启用这项服务'}
          </PlainButton>
        </View>
      )}

      <ActionBar>
        <Button
          className="menu-edit__save"
          type="primary"
          shape="round"
          size="large"
          loading={saving}
          onClick={() => void save()}
        >
          {editing ? '保存修改' : '创建服务'}
        </Button>
      </ActionBar>
    </View>
  );
}
