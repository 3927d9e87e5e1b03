export default definePageConfig({
  navigationBarTitleText: '待我服务',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 120,
});
