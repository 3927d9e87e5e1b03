export default definePageConfig({
  navigationBarTitleText: '合并或停用',
});
