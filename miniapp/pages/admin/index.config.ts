export default definePageConfig({
  navigationBarTitleText: '管理',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'light',
  backgroundColor: '#D42A1F',
});
