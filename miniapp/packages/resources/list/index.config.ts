export default definePageConfig({
  navigationBarTitleText: '场地预约',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 120,
});
