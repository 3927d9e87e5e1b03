export default definePageConfig({
  navigationBarTitleText: '调整归属',
});
