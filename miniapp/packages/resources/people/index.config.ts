export default definePageConfig({
  navigationBarTitleText: '本单位服务人员',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
