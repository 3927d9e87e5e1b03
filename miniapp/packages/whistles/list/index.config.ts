export default definePageConfig({
  navigationBarTitleText: '吹哨报到',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
