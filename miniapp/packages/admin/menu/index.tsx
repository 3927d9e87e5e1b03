import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text, ScrollView } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { MENU_CATEGORIES, api, type MenuCategoryCode, type MenuItemAdmin } from '@gongzhi/shared';
import { call, messageOf } from '../../../services/api';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { useAdminAccess } from '../../../hooks/useAdminAccess';
import { AdminForbidden } from '../../../components/AdminForbidden';
import { usePaged } from '../lib/usePaged';
import { menuItems } from '../lib/cache';
import { confirmDanger } from '../lib/useSubmit';
import { ActionBar, PlainButton, Tag } from '../components/ui';
import { AdminList, useListPage } from '../components/AdminList';
import '../components/ui.scss';
import './index.scss';

function ItemCard({ item, onChanged }: { item: MenuItemAdmin; onChanged: () => void }) {
  const category = MENU_CATEGORIES.find((c) => c.code === item.categoryCode);
  const isDefault = item.communityId === null;
  const [busy, setBusy] = useState(false);

  async function act(work: () => Promise<unknown>, done: string) {
    if (busy) return;
    setBusy(true);
    try {
      await work();
      void Taro.showToast({ title: done, icon: 'success' });
      onChanged();
    } catch (e) {
      void Taro.showModal({ title: '操作没有成功', content: messageOf(e), showCancel: false });
    } finally {
      setBusy(false);
    }
  }

  const params = { id: item.id };
  return (
    <View className={`menu-admin-item ${!item.active || item.hidden ? 'menu-admin-item--off' : ''}`}>
      <View className="menu-admin-item__top">
        <Text className="menu-admin-item__icon">{category?.icon}</Text>
        <Text className="menu-admin-item__name">{item.name}</Text>
        {!item.active && <Tag tone="grey">已停用</Tag>}
        {item.hidden && <Tag tone="grey">本社区已隐藏</Tag>}
        {item.active && !item.hidden && <Tag tone="green">可点单</Tag>}
      </View>
      <Text className="menu-admin-item__summary">{item.summary}</Text>
      <View className="menu-admin-item__meta">
        <Tag tone={isDefault ? 'blue' : 'brand'}>{isDefault ? '县级默认' : '本社区'}</Tag>
        <Text>{`${category?.name ?? ''} · 受理 ${item.timeLimits.acceptHours} 小时 · 填写项 ${item.fields.length} 个`}</Text>
      </View>
      <View className="menu-admin-item__actions">
        {item.editable && (
          <PlainButton
            className="menu-admin-item__edit"
            onClick={() => {
              menuItems.set(item.id, item);
              void Taro.navigateTo({ url: `/packages/admin/menu-edit/index?id=${item.id}` });
            }}
          >
            编辑
          </PlainButton>
        )}
        {item.editable && item.active && (
          <PlainButton
            className="menu-admin-item__deactivate"
            tone="danger"
            disabled={busy}
            onClick={() =>
              void confirmDanger(
                '停用服务',
                `停用「${item.name}」后居民不能再点单，已有的需求照常办理。确定停用吗？`,
                '停用',
              ).then((ok) => {
                if (ok) void act(() => call(api.menu.deactivateMenuItem, { params }), '已停用');
              })
            }
          >
            停用
          </PlainButton>
        )}
        {item.editable && !item.active && (
          <PlainButton
            tone="brand"
            disabled={busy}
            onClick={() => void act(() => call(api.menu.activateMenuItem, { params }), '已启用')}
          >
            重新启用
          </PlainButton>
        )}
        {isDefault && !item.hidden && (
          <PlainButton
            className="menu-admin-item__hide"
            disabled={busy}
            onClick={() =>
              void confirmDanger(
                '在本社区隐藏',
                `本社区居民将看不到「${item.name}」，以后可以恢复。确定隐藏吗？`,
                '隐藏',
              ).then((ok) => {
                if (ok) void act(() => call(api.menu.hideMenuItem, { params, body: {} }), '已隐藏');
              })
            }
          >
            本社区隐藏
          </PlainButton>
        )}
        {isDefault && item.hidden && (
          <PlainButton
            tone="brand"
            disabled={busy}
            onClick={() => void act(() => call(api.menu.unhideMenuItem, { params }), '已恢复')}
          >
            恢复显示
          </PlainButton>
        )}
      </View>
    </View>
  );
}

export default function AdminMenuPage() {
  const signedIn = useSignedIn();
  const access = useAdminAccess();
  const allowed = access.staff && access.can(api.menu.listMenuAdmin);
  const [category, setCategory] = useState<MenuCategoryCode | null>(null);
  const list = usePaged<MenuItemAdmin>(
    (page) =>
      call(api.menu.listMenuAdmin, {
        query: { includeInactive: 'true', categoryCode: category ?? undefined, page, pageSize: 20 },
      }),
    [category],
    signedIn && allowed,
  );
  useListPage(list, { reloadOnShow: allowed });

  if (!signedIn) return <View className="page" />;
  if (!allowed) {
    return (
      <View className="page admin-page">
        <AdminForbidden detail={access.staff ? '服务菜单由社区工作者、街道和县级管理员维护。' : undefined} />
      </View>
    );
  }

  return (
    <View className="page admin-page admin-menu">
      <ScrollView scrollX className="admin-tabs admin-menu__tabs" enhanced showScrollbar={false}>
        <View
          className={`admin-tabs__item ${category === null ? 'admin-tabs__item--on' : ''}`}
          onClick={() => setCategory(null)}
        >
          <Text>全部</Text>
        </View>
        {MENU_CATEGORIES.map((c) => (
          <View
            key={c.code}
            className={`admin-tabs__item ${category === c.code ? 'admin-tabs__item--on' : ''}`}
            onClick={() => setCategory(c.code)}
          >
            <Text>{`${c.icon} ${c.name}`}</Text>
          </View>
        ))}
      </ScrollView>
      <Text className="admin-menu__hint">县级默认项由县里统一维护，本社区可以隐藏；本社区自有项可以编辑和停用。</Text>

      <AdminList
        list={list}
        empty={{ text: '这个类别还没有服务', hint: '点下方“新增服务”为本社区添加' }}
        render={(item) => <ItemCard key={item.id} item={item} onChanged={() => void list.reload()} />}
      />

      <ActionBar>
        <Button
          className="admin-menu__add"
          type="primary"
          shape="round"
          size="large"
          onClick={() => void Taro.navigateTo({ url: '/packages/admin/menu-edit/index' })}
        >
          新增服务
        </Button>
      </ActionBar>
    </View>
  );
}
