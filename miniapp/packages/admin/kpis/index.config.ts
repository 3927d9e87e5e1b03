export default definePageConfig({
  navigationBarTitleText: '响应考核',
  enablePullDownRefresh: true,
});
