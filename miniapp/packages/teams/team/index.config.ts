export default definePageConfig({
  navigationBarTitleText: '志愿队',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 120,
});
