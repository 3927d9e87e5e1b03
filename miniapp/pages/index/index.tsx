import { useEffect, useMemo, useRef, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { NEED_OWNER_ROLES, api, type MenuItemSummary, type Role, type SessionUser } from '@gongzhi/shared';
import { call } from '../../services/api';
import { JOIN_URL, getSavedUser, shouldJoin } from '../../services/session';
import { useRemote } from '../../hooks/useRemote';
import { useSignedIn } from '../../hooks/useSignedIn';
import { EmptyState, ErrorState, LoadingCards } from '../../components/PageState';
import { CategoryGrid } from './CategoryGrid';
import { HomeNotices } from './HomeNotices';
import { HomeProjects } from './HomeProjects';
import { HomeShortcuts } from './HomeShortcuts';
import { MenuItemCard } from './MenuItemCard';
import { GridWork } from './work/GridWork';
import { PartyWork } from './work/PartyWork';
import { ResidentWork } from './work/ResidentWork';
import { VolunteerWork } from './work/VolunteerWork';
import { Workbench } from './work/Workbench';
import './index.scss';
import './work/work.scss';

/** Departments and street officials answer whistles: their first tab is the 工作台, not the menu. */
const OFFICIALS: readonly Role[] = ['department', 'streetAdmin'];

function openItem(item: MenuItemSummary) {
  void Taro.navigateTo({ url: `/packages/menu/item/index?id=${encodeURIComponent(item.id)}` });
}

export default function HomePage() {
  const signedIn = useSignedIn();
  const user = useMemo(getSavedUser, []);
  if (signedIn && user && user.roles.some((r) => OFFICIALS.includes(r))) return <Workbench user={user} />;
  return <MenuHome signedIn={signedIn} user={user} />;
}

/** Everyone else lands on the menu, with their own work on top: orders, shifts, patrols, the party's whistles. */
function MenuHome({ signedIn, user }: { signedIn: boolean; user: SessionUser | null }) {
  const roles = user?.roles ?? [];
  const has = (r: Role) => roles.includes(r);
  // Residents (and others who order) get their shortcuts; staff work from the admin tab.
  const orders = roles.some((r: Role) => (NEED_OWNER_ROLES as readonly Role[]).includes(r));
  // Bumped on return to the tab and on pull-down: the work sections load again.
  const [version, setVersion] = useState(0);
  const shownOnce = useRef(false);
  useDidShow(() => {
    if (shownOnce.current) setVersion((v) => v + 1);
    shownOnce.current = true;
  });
  const menu = useRemote(() => call(api.menu.listMenu), [], signedIn);
  // Projects under way in the community; a failure here leaves the menu alone.
  const projects = useRemote(
    async () => {
      const page = await call(api.projects.listProjects, { query: { pageSize: 20 } });
      return page.items.filter((p) => p.status === 'open' || p.status === 'delivering').slice(0, 3);
    },
    [],
    signedIn,
  );
  // The latest community notices; like projects, a failure here leaves the menu alone.
  const notices = useRemote(
    async () => (await call(api.notices.listNotices, { query: { pageSize: 3 } })).items,
    [],
    signedIn,
  );
  // Someone who lives nowhere yet chooses their community first (they may skip and look around).
  useEffect(() => {
    if (signedIn && shouldJoin(user)) void Taro.navigateTo({ url: JOIN_URL });
  }, [signedIn, user]);
  // null = every category; a code = only that category's items.
  const [picked, setPicked] = useState<string | null>(null);

  usePullDownRefresh(() => {
    setVersion((v) => v + 1);
    void Promise.all([menu.reload(), projects.reload(), notices.reload()]).finally(() => Taro.stopPullDownRefresh());
  });

  const groups = (menu.data?.categories ?? []).filter((c) => c.items.length > 0);
  const shown = picked ? groups.filter((c) => c.code === picked) : groups;
  const total = groups.reduce((n, c) => n + c.items.length, 0);
  const place = menu.data ? (menu.data.community?.name ?? '全县') : (user?.community?.name ?? '');

  return (
    <View className="page home">
      <View className="home-header">
        <Text className="home-header__hello">{user ? `${user.name}，您好` : '您好'}</Text>
        <View className="home-header__place">
          <Text className="home-header__pin">📍</Text>
          <Text className="home-header__community">{place || '\u00a0'}</Text>
          {user && !user.home && user.posts.length === 0 && (
            <Text className="home-header__join" onClick={() => void Taro.navigateTo({ url: JOIN_URL })}>
              选择我的社区 ›
            </Text>
          )}
        </View>
        <Text className="home-header__sub">
          {menu.data ? `社区服务菜单 · 共 ${total} 项服务，按需点单` : '社区服务菜单'}
        </Text>
      </View>

      <View className="home-body">
        {signedIn && has('partyMember') && <PartyWork version={version} />}
        {signedIn && has('gridWorker') && <GridWork version={version} />}
        {signedIn && has('volunteer') && <VolunteerWork version={version} />}
        {signedIn && orders && <ResidentWork version={version} />}
        {menu.loading && !menu.data && <LoadingCards count={4} />}
        {menu.error && !menu.loading && <ErrorState message={menu.error} onRetry={() => void menu.reload()} />}
        {menu.data && !menu.error && total === 0 && (
          <EmptyState text="本社区暂时还没有上架服务" hint="社区正在整理服务菜单，过几天再来看看" />
        )}

        {menu.data && !menu.error && total > 0 && (
          <>
            <CategoryGrid
              categories={groups}
              picked={picked}
              onPick={(code) => setPicked((now) => (now === code ? null : code))}
            />

            {!picked && <HomeNotices notices={notices.data ?? []} />}
            {!picked && orders && <HomeShortcuts />}
            {!picked && <HomeProjects projects={projects.data ?? []} />}

            {picked && (
              <View className="home-filter">
                <Text className="home-filter__text">只看「{shown[0]?.name}」</Text>
                <Text className="home-filter__clear" onClick={() => setPicked(null)}>
                  查看全部
                </Text>
              </View>
            )}

            {shown.map((group) => (
              <View key={group.code} className="home-group">
                <View className="home-group__head">
                  <Text className="home-group__icon">{group.icon}</Text>
                  <Text className="home-group__name">{group.name}</Text>
                  <Text className="home-group__count">{group.items.length} 项</Text>
                </View>
                {group.items.map((item) => (
                  <MenuItemCard key={item.id} item={item} color={group.color} onOpen={openItem} />
                ))}
              </View>
            ))}
          </>
        )}
      </View>
    </View>
  );
}
