import { createElement, Fragment, type ComponentType, type PropsWithChildren } from 'react';
// NutUI theme variables once; each component's CSS comes with it via babel-plugin-import.
import '@nutui/nutui-react-taro/dist/styles/themes/default.css';
// NutUI icons' base CSS (.nut-icon size); each icon module comes by itself (babel.config.js).
import '@nutui/icons-react-taro/dist/style_icon.css';
import './app.scss';
import { watchSession } from './services/me';

// Note: do not import `z` from @gongzhi/shared here. Touching the namespace from the app entry
// defeated tree-shaking and pulled every zod locale (≈400 KB) into the H5 app chunk. (shared's
// validation module sets zod to interpret, not compile, in the app: see there.)

// weapp builds custom-tab-bar/ as WeChat's custom tab bar component. Taro 4's H5 runtime renders no
// custom tab bar, so on H5 the app renders that same component once, before the pages (the router's
// styles look at the pages' :last-child). Required only on H5 so weapp's app.js does not carry it.
const H5TabBar: ComponentType<{ h5Host: boolean }> | null =
  process.env.TARO_ENV === 'h5'
    ? // eslint-disable-next-line @typescript-eslint/no-require-imports
      (require('./custom-tab-bar') as { default: ComponentType<{ h5Host: boolean }> }).default
    : null;

// Roles are grants read per request: read the person again whenever the app comes to the foreground.
watchSession();

function App({ children }: PropsWithChildren) {
  if (H5TabBar) return createElement(Fragment, null, createElement(H5TabBar, { h5Host: true }), children);
  return children;
}

export default App;
