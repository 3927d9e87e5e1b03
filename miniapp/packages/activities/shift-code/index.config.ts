export default definePageConfig({
  navigationBarTitleText: '签到二维码',
  backgroundTextStyle: 'dark',
});
