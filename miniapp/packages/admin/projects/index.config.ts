export default definePageConfig({
  navigationBarTitleText: '公益项目管理',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
