export default definePageConfig({
  navigationBarTitleText: '志愿活动',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 120,
});
