export default definePageConfig({
  navigationBarTitleText: '项目管理',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
