export default definePageConfig({
  navigationBarTitleText: '巡查覆盖',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
