import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import type { IH5Config } from '@tarojs/taro/types/compile';
import devConfig from './dev';
import prodConfig from './prod';

const root = path.resolve(__dirname, '..');
/** The contract is consumed as TypeScript source, compiled by our babel, so both sides always agree. */
const sharedSrc = path.resolve(root, 'shared/src');

/** Where the API lives. H5 is served by the API itself (same origin); weapp needs an absolute URL. */
function apiBase(): string {
  const fromEnv = process.env.GONGZHI_API_BASE;
  if (fromEnv !== undefined) return fromEnv.replace(/\/+$/, '');
  return process.env.TARO_ENV === 'h5' ? '' : 'http://127.0.0.1:7001';
}

type ChainArgs = Parameters<NonNullable<IH5Config['webpackChain']>>;

/** Swap zod's all-locales index for a two-locale stub (config/zod-locales.js explains why). */
function onlyNeededZodLocales(chain: ChainArgs[0], webpack: ChainArgs[1]): void {
  chain
    .plugin('zodLocales')
    .use(webpack.NormalModuleReplacementPlugin, [
      /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/,
      path.resolve(__dirname, 'zod-locales.js'),
    ]);
}

/** Taro's H5 previewImage, loaded on first use (config/h5-preview-image.js says why). */
function lazyPreviewImage(chain: ChainArgs[0], webpack: ChainArgs[1]): void {
  chain.plugin('lazyPreviewImage').use(webpack.NormalModuleReplacementPlugin, [
    /previewImage\.js$/,
    (resource: { context: string; request: string }) => {
      const target = path.resolve(resource.context, resource.request).replace(/\\/g, '/');
      if (
        target.endsWith('@tarojs/taro-h5/dist/api/media/image/previewImage.js') &&
        !resource.request.startsWith('@')
      ) {
        resource.request = path.resolve(__dirname, 'h5-preview-image.js');
      }
    },
  ]);
}

/** NutUI is drawn at 375px; our own styles at 750px. */
function designWidth(input?: string | number | { file?: string }): number {
  const file = typeof input === 'object' && input ? (input.file ?? '') : '';
  return file.replace(/\\+/g, '/').includes('@nutui') ? 375 : 750;
}

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'gongzhi',
    date: '2026-11-26',
    designWidth,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'miniapp',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: {
      API_BASE: JSON.stringify(apiBase()),
    },
    alias: {
      '@gongzhi/shared': sharedSrc,
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      // shared/src sits outside sourceRoot: let the script rule compile it.
      compile: { include: [sharedSrc] },
      miniCssExtractPluginOption: { ignoreOrder: true },
      webpackChain(chain, webpack) {
        onlyNeededZodLocales(chain, webpack);
      },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: [sharedSrc] },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      webpackChain(chain, webpack) {
        onlyNeededZodLocales(chain, webpack);
        // Taro's request API imports fetch and AbortController polyfills for browsers without them;
        // every browser in our browserslist (and WeChat's) has both natively: ~9 KB gzipped of first load.
        chain.resolve.alias.set('whatwg-fetch$', false);
        chain.resolve.alias.set('abortcontroller-polyfill/dist/abortcontroller-polyfill-only$', false);
        lazyPreviewImage(chain, webpack);
        // Taro splits only initial chunks; every lazily loaded page then carried its own copy of
        // NutUI, Taro components and the request polyfills. Share them across pages instead.
        chain.optimization.splitChunks({
          ...chain.optimization.get('splitChunks'),
          chunks: 'all',
        });
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
    },
  };

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig);
  }
  return merge({}, baseConfig, prodConfig);
});
