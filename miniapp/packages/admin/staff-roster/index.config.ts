export default definePageConfig({
  navigationBarTitleText: '两委名册',
  enablePullDownRefresh: true,
});
