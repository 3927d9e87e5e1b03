export default definePageConfig({
  navigationBarTitleText: '驻区单位',
  enablePullDownRefresh: true,
});
