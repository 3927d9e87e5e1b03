export default definePageConfig({
  navigationBarTitleText: '名册导入',
  enablePullDownRefresh: false,
});
