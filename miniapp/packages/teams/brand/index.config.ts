export default definePageConfig({
  navigationBarTitleText: '服务品牌',
  backgroundTextStyle: 'dark',
});
