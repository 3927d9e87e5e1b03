export default defineAppConfig({
  // Home first: a signed-in resident lands on the menu; anyone else is sent to login from there.
  pages: ['pages/index/index', 'pages/login/index', 'pages/mine/index'],
  subPackages: [
    // Menu area pages that are not tabs live in a subpackage to keep the main package small.
    { root: 'packages/menu', pages: ['item/index'] },
  ],
  window: {
    backgroundTextStyle: 'dark',
    backgroundColor: '#F6F3F0',
    navigationBarBackgroundColor: '#D42A1F',
    navigationBarTitleText: '共治通',
    navigationBarTextStyle: 'white',
  },
  tabBar: {
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
        pagePath: 'pages/mine/index',
        text: '我的',
        iconPath: 'assets/tabbar/mine.png',
        selectedIconPath: 'assets/tabbar/mine-active.png',
      },
    ],
  },
});
