export default definePageConfig({
  navigationBarTitleText: '预约审批',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
