export default definePageConfig({
  navigationBarTitleText: '人员与授权',
  enablePullDownRefresh: true,
});
