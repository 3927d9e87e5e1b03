export default definePageConfig({
  navigationBarTitleText: '我登录的网页版',
  enablePullDownRefresh: true,
});
