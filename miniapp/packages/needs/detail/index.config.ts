export default definePageConfig({
  navigationBarTitleText: '点单详情',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
