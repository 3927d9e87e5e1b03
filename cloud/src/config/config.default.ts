import * as fs from 'node:fs';
import * as path from 'node:path';
import { MidwayConfig } from '@midwayjs/core';
import { loadSettings } from './settings';

/** Midway's configuration, derived from the environment settings (the one place they are read). */
export default (): MidwayConfig => {
  const settings = loadSettings();
  fs.mkdirSync(settings.logDir, { recursive: true });
  fs.mkdirSync(settings.h5Dir, { recursive: true });
  const swaggerUi = path.dirname(require.resolve('swagger-ui-dist/package.json'));
  // One JSON object per line; messages that are JSON objects (the access log) are merged in.
  const jsonLine = (info: {
    timestamp: number;
    LEVEL: string;
    pid: number;
    message: string;
    ctx?: { traceId?: string };
  }) => {
    let fields: Record<string, unknown> = { msg: info.message };
    if (info.message.startsWith('{')) {
      try {
        fields = JSON.parse(info.message);
      } catch {
        // not JSON after all: keep it as text
      }
    }
    return JSON.stringify({
      time: new Date(info.timestamp).toISOString(),
      level: info.LEVEL,
      pid: info.pid,
      requestId: info.ctx?.traceId,
      ...fields,
    });
  };
  const fileOnly = (fileLogName: string) => ({
    transports: {
      console: settings.env === 'development' ? { level: 'warn' as const } : (false as const),
      file: { dir: settings.logDir, fileLogName, format: jsonLine, createSymlink: false },
      error: { dir: settings.logDir, fileLogName: 'error.log', format: jsonLine, createSymlink: false },
    },
  });
  return {
    gongzhi: settings,
    keys: settings.jwtSecret,
    // TRUST_PROXY: the client address is the one our proxy appended to X-Forwarded-For (the last),
    // not one the client wrote there itself.
    koa: { port: settings.port, hostname: settings.host, proxy: settings.trustProxy, maxIpsCount: 1 },
    bodyParser: { enableTypes: ['json'], jsonLimit: '256kb', strict: true },
    jwt: { secret: settings.jwtSecret },
    midwayLogger: {
      default: { level: settings.logLevel, ...fileOnly('app.log') },
      clients: {
        coreLogger: fileOnly('core.log'),
        appLogger: fileOnly('app.log'),
        accessLogger: {
          level: 'info',
          transports: {
            console: false,
            error: false,
            file: { dir: settings.logDir, fileLogName: 'access.log', format: jsonLine, createSymlink: false },
          },
        },
      },
    },
    staticFile: {
      dirs: {
        default: { prefix: '/', dir: settings.h5Dir, alias: { '/': '/index.html' } },
        // Swagger UI's files only where the docs are mounted (not in production unless API_DOCS=on).
        ...(settings.apiDocs ? { docs: { prefix: '/api/docs/assets/', dir: swaggerUi } } : {}),
      },
      dynamic: true,
      preload: false,
      buffer: false,
      gzip: true,
    },
  } as MidwayConfig;
};
