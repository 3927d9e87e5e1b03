export default definePageConfig({
  navigationBarTitleText: '详情与变更记录',
  enablePullDownRefresh: true,
});
