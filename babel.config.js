// babel-preset-taro options: https://docs.taro.zone/docs/next/babel-config
// NutUI: a barrel import would pull JS but not per-component CSS, so rewrite each
// `import { Button } from '@nutui/nutui-react-taro'` to the component and its style/css.
const nutuiPath = (name) => `@nutui/nutui-react-taro/dist/es/packages/${name.toLowerCase()}`;

module.exports = {
  presets: [
    [
      'taro',
      // hot: false — React fast refresh needs react-refresh, which is not installed (see config/dev.ts).
      { framework: 'react', ts: true, compiler: 'webpack5', hot: false },
    ],
  ],
  plugins: [
    [
      'import',
      {
        libraryName: '@nutui/nutui-react-taro',
        camel2DashComponentName: false,
        customName: nutuiPath,
        customStyleName: (name) => `${nutuiPath(name)}/style/css`,
      },
      'nutui-react-taro',
    ],
    // NutUI icons: the package marks its barrel as having side effects, so `import { Wallet }` would
    // bring all 200 icons; rewrite each to its own module (one small SVG each). Their CSS is imported once in app.ts.
    [
      'import',
      {
        libraryName: '@nutui/icons-react-taro',
        camel2DashComponentName: false,
        customName: (name) => `@nutui/icons-react-taro/dist/es/icons/${name}.js`,
        style: false,
      },
      'nutui-icons-react-taro',
    ],
  ],
};
