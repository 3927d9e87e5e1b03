export default definePageConfig({
  navigationBarTitleText: '网格巡查',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
