// weapp reads custom-tab-bar/index.json: it must declare a component. `comp` is Taro's base
// component, which its templates use for deeply nested nodes (pages get it added by Taro).
export default {
  component: true,
  usingComponents: { comp: '../comp' },
};
