/**
 * Entry of the API process: `node cloud/bootstrap.js` (after `npm run build:cloud`). It lives
 * outside src/ so Midway's scan of src/ never starts a second app. Settings come from the
 * environment; a wrong or missing one stops start-up with one line naming it.
 */
const path = require('node:path');
const { Bootstrap } = require('@midwayjs/bootstrap');
const { loadSettings, SettingsError } = require('./dist/config/settings');

let settings;
try {
  settings = loadSettings();
} catch (err) {
  if (err instanceof SettingsError) {
    console.error(err.message);
    process.exit(2);
  }
  throw err;
}

const portInUse = () => `端口 ${settings.port} 已被占用（PORT），请关闭占用它的程序或换一个端口`;

process.on('uncaughtException', (err) => {
  console.error(err.code === 'EADDRINUSE' ? portInUse() : err);
  process.exit(err.code === 'EADDRINUSE' ? 3 : 1);
});

Bootstrap.configure({ baseDir: path.join(__dirname, 'dist') })
  .run()
  .then(() => console.log(`api listening on http://${settings.host}:${settings.port}`))
  .catch((err) => {
    console.error(err.code === 'EADDRINUSE' ? portInUse() : `启动失败：${err.message}`);
    process.exit(err.code === 'EADDRINUSE' ? 3 : 1);
  });
