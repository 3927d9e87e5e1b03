export default definePageConfig({
  navigationBarTitleText: '我的班次',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 120,
});
