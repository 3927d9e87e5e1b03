export default definePageConfig({
  navigationBarTitleText: '我的志愿队',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
