export default definePageConfig({
  navigationBarTitleText: '共治通',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'light',
  backgroundColor: '#D42A1F',
});
