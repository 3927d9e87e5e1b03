export default definePageConfig({
  navigationBarTitleText: '需求收件箱',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
