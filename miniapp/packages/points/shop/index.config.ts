export default definePageConfig({
  navigationBarTitleText: '积分超市',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 120,
});
