/**
 * Production entry of the API: `node cloud/dist/bootstrap.js`. Settings come from the
 * environment; a wrong or missing one stops start-up with one line naming it.
 */
import { Bootstrap } from '@midwayjs/bootstrap';
import { loadSettings, SettingsError } from './config/settings';

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

process.on('uncaughtException', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EADDRINUSE') {
    console.error(`端口 ${settings.port} 已被占用（PORT），请关闭占用它的程序或换一个端口`);
    process.exit(3);
  }
  console.error(err);
  process.exit(1);
});

Bootstrap.configure({ baseDir: __dirname, ignore: ['**/bootstrap.js', '**/*.d.ts'] })
  .run()
  .then(() => console.log(`api listening on http://${settings.host}:${settings.port}`))
  .catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'EADDRINUSE') {
      console.error(`端口 ${settings.port} 已被占用（PORT），请关闭占用它的程序或换一个端口`);
    } else {
      console.error('启动失败：', err.message);
    }
    process.exit(err.code === 'EADDRINUSE' ? 3 : 1);
  });
