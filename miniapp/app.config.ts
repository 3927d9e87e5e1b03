export default defineAppConfig({
  // Home first: a signed-in resident lands on the menu; anyone else is sent to login from there.
  pages: ['pages/index/index', 'pages/login/index', 'pages/activities/index', 'pages/mine/index', 'pages/admin/index'],
  // Pages that are not tabs live in one subpackage per area, to keep the main package small.
  subPackages: [
    { root: 'packages/menu', pages: ['item/index', 'order/index'] },
    { root: 'packages/needs', pages: ['list/index', 'detail/index'] },
    // 待我服务: service people (a unit's lawyer, teacher, doctor) serve the needs dispatched to them.
    { root: 'packages/serve', pages: ['list/index', 'need/index'] },
    { root: 'packages/resources', pages: ['list/index', 'book/index', 'bookings/index', 'people/index'] },
    { root: 'packages/projects', pages: ['list/index', 'detail/index'] },
    {
      root: 'packages/activities',
      pages: ['detail/index', 'my-shifts/index', 'checkin/index', 'hours/index', 'shift-code/index'],
    },
    {
      root: 'packages/points',
      pages: ['ledger/index', 'shop/index', 'redemptions/index', 'records/index', 'ranking/index'],
    },
    {
      root: 'packages/teams',
      pages: [
        'my/index',
        'team/index',
        'stations/index',
        'station/index',
        'brand/index',
        'privacy/index',
        'manage/index',
        'station-edit/index',
      ],
    },
    {
      root: 'packages/admin',
      pages: [
        'inbox/index',
        'need/index',
        'menu/index',
        'menu-edit/index',
        'activities/index',
        'activity-edit/index',
        'projects/index',
        'project-edit/index',
        'bookings/index',
        'notices/index',
        'shop/index',
        'party-branches/index',
        'party-members/index',
        'party-member/index',
        'party-reports/index',
        'import/index',
        'dashboard/index',
        'kpis/index',
        'staff-roster/index',
        'staff-member/index',
        'volunteers/index',
        'volunteer/index',
        'study-sessions/index',
        'audit/index',
      ],
    },
    { root: 'packages/grids', pages: ['patrols/index', 'patrol/index', 'patrol-new/index', 'coverage/index'] },
    { root: 'packages/whistles', pages: ['list/index', 'detail/index', 'blow/index'] },
    { root: 'packages/party', pages: ['registration/index'] },
    // Everyone's account pages: joining a community, phone, linking a record, accepting an invitation,
    // first-run setup, confirming an H5 sign-in, browser sessions.
    {
      root: 'packages/account',
      pages: [
        'join/index',
        'phone/index',
        'link/index',
        'invite/index',
        'setup/index',
        'scan-login/index',
        'sessions/index',
      ],
    },
    // Granters' pages (人员与授权, 邀请): apart from account, which every invitee loads.
    { root: 'packages/access', pages: ['grants/index', 'invite/index', 'invitations/index'] },
    {
      root: 'packages/org',
      pages: ['tree/index', 'node/index', 'edit/index', 'move/index', 'close/index', 'units/index', 'unit/index'],
    },
  ],
  // 使用我的位置 when choosing a community (and a patrol finding's place).
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  permission: { 'scope.userLocation': { desc: '用于找到离您最近的社区' } },
  window: {
    backgroundTextStyle: 'dark',
    backgroundColor: '#F6F3F0',
    navigationBarBackgroundColor: '#D42A1F',
    navigationBarTitleText: '共治通',
    navigationBarTextStyle: 'white',
  },
  // A custom tab bar (miniapp/custom-tab-bar) so 管理 shows only for staff-type roles: WeChat's native
  // tab bar cannot hide one item. The list still names every tab page (switchTab needs it) and its icons.
  tabBar: {
    custom: true,
    color: '#7A7470',
    selectedColor: '#D42A1F',
    backgroundColor: '#FFFFFF',
    borderStyle: 'white',
    list: [
      {
        pagePath: 'pages/index/index',
        text: '首页',
        iconPath: 'assets/tabbar/home.png',
        selectedIconPath: 'assets/tabbar/home-active.png',
      },
      {
        pagePath: 'pages/activities/index',
        text: '活动',
        iconPath: 'assets/tabbar/activity.png',
        selectedIconPath: 'assets/tabbar/activity-active.png',
      },
      {
        pagePath: 'pages/admin/index',
        text: '管理',
        iconPath: 'assets/tabbar/admin.png',
        selectedIconPath: 'assets/tabbar/admin-active.png',
      },
      {
        pagePath: 'pages/mine/index',
        text: '我的',
        iconPath: 'assets/tabbar/mine.png',
        selectedIconPath: 'assets/tabbar/mine-active.png',
      },
    ],
  },
});
