export default definePageConfig({
  navigationBarTitleText: '首次开通',
});
