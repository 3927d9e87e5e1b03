export default definePageConfig({
  navigationBarTitleText: '惠民项目',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 120,
});
