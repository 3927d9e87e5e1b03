import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  createMenuItemBody,
  updateMenuItemBody,
  MAX_MENU_FIELDS,
  MENU_CATEGORIES,
  RESOURCE_KINDS,
  RESOURCE_KIND_LABELS,
  api,
  type MenuItemAdmin,
} from '@gongzhi/shared';
import { call } from '../../../services/api';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { useRemote } from '../../../hooks/useRemote';
import { useAdminAccess } from '../../../hooks/useAdminAccess';
import { ErrorState, LoadingCards } from '../../../components/PageState';
import { AdminForbidden } from '../../../components/AdminForbidden';
import { menuItems } from '../lib/cache';
import { failure } from '../lib/forms';
import { binder, confirmDanger, useSubmit } from '../lib/useSubmit';
import { ActionBar, Banner, Card, PlainButton } from '../components/ui';
import { AreaField, ChipsField, TextField, toggled } from '../components/form';
import { FieldEditor } from './FieldEditor';
import { EMPTY, fromItem, loadItem, newFieldDraft, toBody, type Draft, type FieldDraft } from './menu-draft';
import '../components/ui.scss';
import './index.scss';

export default function MenuEditPage() {
  const id = useRouter().params.id ?? '';
  const editing = id !== '';
  const signedIn = useSignedIn();
  const access = useAdminAccess();
  const allowed = access.staff && access.can(api.menu.createMenuItem);
  const loaded = useRemote(() => loadItem(id), [id], signedIn && allowed && editing);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const { errors, banner, setBanner, saving, validate, send, edited } = useSubmit();

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
  // A changed field loses its message (and the banner with the last one).
  const set = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    edited(...Object.keys(patch));
  };
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
                fields: [...draft.fields, newFieldDraft(draft.fields.length)],
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
