export default definePageConfig({
  navigationBarTitleText: '党员详情',
  enablePullDownRefresh: true,
});
