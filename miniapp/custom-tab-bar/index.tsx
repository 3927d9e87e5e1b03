import { Component } from 'react';
import Taro from '@tarojs/taro';
import { View, Image, Text } from '@tarojs/components';
import { USER_CHANGED, getSavedUser, getToken } from '../services/session';
import { UNREAD_CHANGED, refreshUnread, unreadCount } from '../services/unread';
import { hasStaffRole } from '../services/access';
import { TABS, normalisePath } from './tabs';
import './index.scss';

interface Props {
  /** H5 only: the app entry renders one bar for the whole app and it follows the route. */
  h5Host?: boolean;
}

interface State {
  /** The tab page this bar belongs to (weapp) or the current route (H5). */
  path: string;
  staff: boolean;
  signedIn: boolean;
  /** Unread messages: a red badge on 我的. */
  unread: number;
}

/** The tab that carries the unread badge. */
const MESSAGES_TAB = 'pages/mine/index';

type RouterChange = { toLocation?: { path?: string } };

function readSession(): Pick<State, 'staff' | 'signedIn'> {
  return { staff: hasStaffRole(getSavedUser()?.roles), signedIn: getToken() !== null };
}

/** weapp: the page this tab bar instance sits on (each tab page has its own instance). */
function currentRoute(): string {
  const pages = Taro.getCurrentPages();
  return normalisePath(pages[pages.length - 1]?.route ?? '');
}

/** H5 (hash router): `#/pages/mine/index?x=1` → `pages/mine/index`. */
function hashRoute(): string {
  return normalisePath(window.location.hash.replace(/^#/, ''));
}

/**
 * The tab bar (custom: WeChat's native bar cannot hide one item). 管理 shows only for staff-type
 * roles. weapp builds this folder as the custom-tab-bar component, one instance per tab page; H5 has
 * no custom tab bar in Taro 4, so app.ts renders one instance that follows the router.
 * A class component so pages may also call `Taro.getTabBar(page)?.setSelected(path)` (Taro's pattern).
 */
export default class CustomTabBar extends Component<Props, State> {
  static options = { addGlobalClass: true };

  override state: State = { path: '', staff: false, signedIn: false, unread: unreadCount() };

  private timers: ReturnType<typeof setTimeout>[] = [];

  private readonly onRouterChange = (change: RouterChange) => {
    this.setState({ path: normalisePath(change?.toLocation?.path), ...readSession() });
    void refreshUnread();
  };

  private readonly onUnread = (unread: number) => this.setState({ unread });

  /** weapp: the tab page this bar sits on is shown again (back from an inner page, another tab). */
  private pageShow: string | null = null;

  private readonly onPageShow = () => void refreshUnread();

  /** A refreshed session user (a post granted or revoked): 管理 appears or goes without signing in again. */
  private readonly onUserChanged = () => {
    this.setState(readSession());
    void refreshUnread(true);
  };

  override componentDidMount() {
    Taro.eventCenter.on(USER_CHANGED, this.onUserChanged);
    Taro.eventCenter.on(UNREAD_CHANGED, this.onUnread);
    void refreshUnread();
    if (this.props.h5Host) {
      this.setState({ path: hashRoute(), ...readSession() });
      Taro.eventCenter.on('__taroRouterChange', this.onRouterChange);
      return;
    }
    this.setState({ path: currentRoute(), ...readSession() });
    this.pageShow = Taro.getCurrentInstance().router?.onShow ?? null;
    if (this.pageShow) Taro.eventCenter.on(this.pageShow, this.onPageShow);
    // The page may join the page stack just after its tab bar is attached: look again shortly.
    for (const ms of [0, 50, 300]) {
      this.timers.push(setTimeout(() => this.setState({ path: currentRoute(), ...readSession() }), ms));
    }
  }

  override componentWillUnmount() {
    Taro.eventCenter.off(USER_CHANGED, this.onUserChanged);
    Taro.eventCenter.off(UNREAD_CHANGED, this.onUnread);
    if (this.pageShow) Taro.eventCenter.off(this.pageShow, this.onPageShow);
    if (this.props.h5Host) Taro.eventCenter.off('__taroRouterChange', this.onRouterChange);
    this.timers.forEach(clearTimeout);
  }

  /** For pages that want to set the selected tab themselves (weapp: Taro.getTabBar(page)). */
  setSelected(path: string) {
    this.setState({ path: normalisePath(path), ...readSession() });
  }

  private open(pagePath: string) {
    if (pagePath === this.state.path) return;
    void Taro.switchTab({ url: `/${pagePath}` });
  }

  override render() {
    const { path, staff, signedIn, unread } = this.state;
    const tabs = TABS.filter((t) => !t.staffOnly || staff);
    // H5: one bar for the whole app, shown on tab pages only (never on login or inner pages).
    if (this.props.h5Host && (!signedIn || !TABS.some((t) => t.pagePath === path))) return null;
    return (
      <View className="custom-tab-bar taro-tabbar__tabbar" role="tablist">
        {tabs.map((tab) => {
          const on = tab.pagePath === path;
          return (
            <View
              key={tab.pagePath}
              className={`custom-tab-bar__item${on ? ' custom-tab-bar__item--on' : ''}`}
              role="tab"
              aria-selected={on}
              onClick={() => this.open(tab.pagePath)}
            >
              <View className="custom-tab-bar__icon-box">
                <Image className="custom-tab-bar__icon" src={on ? tab.activeIcon : tab.icon} mode="aspectFit" />
                {tab.pagePath === MESSAGES_TAB && signedIn && unread > 0 && (
                  <Text className="custom-tab-bar__badge" aria-label={`${unread} 条未读消息`}>
                    {unread > 99 ? '99+' : String(unread)}
                  </Text>
                )}
              </View>
              <Text className="custom-tab-bar__text">{tab.text}</Text>
            </View>
          );
        })}
      </View>
    );
  }
}
