export default definePageConfig({
  navigationBarTitleText: '支部学习',
  enablePullDownRefresh: true,
});
