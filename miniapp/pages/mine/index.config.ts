export default definePageConfig({
  navigationBarTitleText: '我的',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'light',
  backgroundColor: '#D42A1F',
});
