// babel-preset-taro options: https://docs.taro.zone/docs/next/babel-config
// NutUI: a barrel import would pull JS but not per-component CSS, so rewrite each
// `import { Button } from '@nutui/nutui-react-taro'` to the component and its style/css.
const nutuiPath = (name) => `@nutui/nutui-react-taro/dist/es/packages/${name.toLowerCase()}`

module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
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
}
