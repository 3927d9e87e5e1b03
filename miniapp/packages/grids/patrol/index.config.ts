export default definePageConfig({
  navigationBarTitleText: '巡查详情',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
