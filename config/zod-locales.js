// Stand-in for zod/v4/locales/index.js in the mini-program bundles (see config/index.ts).
// `z.object(...)`-style calls make webpack keep the whole `z` namespace, and with it all
// ~50 locales (≈400 KB). The client only needs Chinese (shared/src/validation.ts) and
// English (zod's own default).
export { default as zhCN } from 'zod/v4/locales/zh-CN.js';
export { default as en } from 'zod/v4/locales/en.js';
