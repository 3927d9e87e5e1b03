export default definePageConfig({
  navigationBarTitleText: '关联登记信息',
});
