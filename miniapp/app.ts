import type { PropsWithChildren } from 'react'
import { z } from '@gongzhi/shared'
// NutUI theme variables once; each component's CSS comes with it via babel-plugin-import.
import '@nutui/nutui-react-taro/dist/styles/themes/default.css'
import './app.scss'

// Mini-program runtimes forbid `new Function`; keep zod on its interpreter path everywhere.
z.config({ jitless: true })

function App({ children }: PropsWithChildren) {
  return children
}

export default App
