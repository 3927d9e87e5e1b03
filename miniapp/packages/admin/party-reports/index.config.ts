export default definePageConfig({
  navigationBarTitleText: '双报到·双报告',
  enablePullDownRefresh: true,
});
