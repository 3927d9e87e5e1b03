import type { PropsWithChildren } from 'react';
// NutUI theme variables once; each component's CSS comes with it via babel-plugin-import.
import '@nutui/nutui-react-taro/dist/styles/themes/default.css';
import './app.scss';

// Note: do not import `z` from @gongzhi/shared here. Touching the namespace from the app entry
// defeated tree-shaking and pulled every zod locale (≈400 KB) into the H5 app chunk. zod falls back
// to its interpreter by itself where `new Function` is forbidden (mini-program runtimes).

function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
