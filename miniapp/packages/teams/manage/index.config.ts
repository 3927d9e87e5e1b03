export default definePageConfig({
  navigationBarTitleText: '志愿队与服务站点',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
