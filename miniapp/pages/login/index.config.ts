export default definePageConfig({
  navigationBarTitleText: '登录',
  // The hero is already brand red; let it run under the status bar.
  navigationStyle: 'custom',
});
