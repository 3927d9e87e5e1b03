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
  ],
};
