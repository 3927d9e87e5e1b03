import homeIcon from '../assets/tabbar/home.png';
import homeOnIcon from '../assets/tabbar/home-active.png';
import activityIcon from '../assets/tabbar/activity.png';
import activityOnIcon from '../assets/tabbar/activity-active.png';
import adminIcon from '../assets/tabbar/admin.png';
import adminOnIcon from '../assets/tabbar/admin-active.png';
import mineIcon from '../assets/tabbar/mine.png';
import mineOnIcon from '../assets/tabbar/mine-active.png';

export interface TabDef {
  /** As in app.config.ts tabBar.list, without the leading slash. */
  pagePath: string;
  text: string;
  icon: string;
  activeIcon: string;
  /** Shown only to staff-type roles (STAFF_ROLES). */
  staffOnly?: boolean;
}

/** The tabs in order; keep in step with tabBar.list in app.config.ts. */
export const TABS: readonly TabDef[] = [
  { pagePath: 'pages/index/index', text: '首页', icon: homeIcon, activeIcon: homeOnIcon },
  { pagePath: 'pages/activities/index', text: '活动', icon: activityIcon, activeIcon: activityOnIcon },
  { pagePath: 'pages/admin/index', text: '管理', icon: adminIcon, activeIcon: adminOnIcon, staffOnly: true },
  { pagePath: 'pages/mine/index', text: '我的', icon: mineIcon, activeIcon: mineOnIcon },
];

/** The first page of app.config.ts: where `/` (H5 without a hash) lands. */
export const HOME_PATH = 'pages/index/index';

/** `/pages/mine/index?x=1` → `pages/mine/index`; `/` → the home page. */
export function normalisePath(path: string | undefined | null): string {
  const bare = (path ?? '').split('?')[0].replace(/^\/+/, '').replace(/\/+$/, '');
  return bare === '' ? HOME_PATH : bare;
}
