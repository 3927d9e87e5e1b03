/**
 * Entry of the API process: `node cloud/bootstrap.js` (after `npm run build:cloud`), in production by default. It lives
 * outside src/ so Midway's scan of src/ never starts a second app. Settings come from the
 * environment; a wrong or missing one stops start-up with one line naming it.
 */
// Run as is, this is a deployment: production unless NODE_ENV says otherwise (`npm start` says
// development). Production never loads demo data and refuses the development secrets.
process.env.NODE_ENV = process.env.NODE_ENV || 'production';

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
