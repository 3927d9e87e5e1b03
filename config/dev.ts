import type { UserConfigExport } from '@tarojs/cli';

export default {
  logger: { quiet: false, stats: true },
  mini: {},
  h5: {
    // React fast refresh needs @pmmmwh/react-refresh-webpack-plugin and react-refresh, which this
    // project does not install; without this flag `npm run dev:h5` fails to start. Reload instead.
    devServer: { hot: false },
  },
} satisfies UserConfigExport<'webpack5'>;
