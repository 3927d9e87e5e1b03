import * as path from 'node:path';
import { z, type SubscribeTopic } from '@gongzhi/shared';

/** Repository root: cloud/src/config or cloud/dist/config → three levels up. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

const DEV_JWT_SECRET = 'gongzhi-development-secret-not-for-production';
/** Fixed so dev/test data stays readable across restarts; never used in production (the key is required there). */
const DEV_DATA_KEY = 'Z29uZ3poaS1kZXZlbG9wbWVudC1kYXRhLWtleS0zMmI=';

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(7001),
    MONGODB_URI: z
      .string()
      .regex(/^mongodb(\+srv)?:\/\//, '必须以 mongodb:// 或 mongodb+srv:// 开头')
      .default('mongodb://127.0.0.1:27027/gongzhi'),
    DATA_DIR: z.string().min(1).default(path.join(REPO_ROOT, 'data')),
    H5_DIR: z
      .string()
      .min(1)
      .default(path.join(REPO_ROOT, 'dist', 'h5')),
    JWT_SECRET: z.string().min(32, '至少 32 个字符').optional(),
    JWT_TTL_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 90)
      .default(24 * 7),
    WX_APPID: z.string().min(1).optional(),
    WX_SECRET: z.string().min(1).optional(),
    WX_API_BASE: z.url().default('https://api.weixin.qq.com'),
    /** Token of WeChat's message push (消息推送): signs the content-check verdicts of photos. */
    WX_PUSH_TOKEN: z.string().min(3).max(32).optional(),
    /** Subscription-message templates (订阅消息模板 ids); a kind without one is sent in-app only. */
    WX_TEMPLATE_WHISTLE: z.string().min(1).optional(),
    WX_TEMPLATE_NEED: z.string().min(1).optional(),
    WX_TEMPLATE_ACTIVITY: z.string().min(1).optional(),
    /** Which version of the mini-program a message opens: formal (正式版), trial (体验版) or developer (开发版). */
    WX_MINIPROGRAM_STATE: z.enum(['formal', 'trial', 'developer']).optional(),
    /** `off`: this instance does not send the outbox (another one does; tests send by hand). */
    OUTBOX_SENDER: z.enum(['on', 'off']).default('on'),
    /** Redis shared by the API instances (cache invalidation); none: one instance, in-process. */
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, '必须以 redis:// 或 rediss:// 开头')
      .optional(),
    /** Prefix of this deployment's Redis keys (several deployments or test runs may share one Redis). */
    REDIS_PREFIX: z.string().min(1).max(60).default('gongzhi:'),
    /** The address people open the H5 version at (invitation links, the sign-in QR code, the setup link). */
    PUBLIC_URL: z.url({ error: '应为完整网址，例如 https://gongzhi.example.gov.cn' }).optional(),
    DEV_LOGIN: z.enum(['on', 'off']).optional(),
    /** `on`: Swagger UI and the OpenAPI document are served in production too (off there by default). */
    API_DOCS: z.enum(['on', 'off']).optional(),
    /**
     * 限流: multiplies every rate limit and the concurrent-read cap (cloud/src/core/rate-limits.ts).
     * 1 in production; the test harness raises it for the suite's many quick requests from one address.
     */
    RATE_LIMIT_SCALE: z.coerce.number().min(1).max(1000).default(1),
    /** Photos a person may store in 30 days, in MB. */
    UPLOAD_QUOTA_MB: z.coerce.number().int().min(1).max(100_000).default(300),
    /** `on` behind a reverse proxy / load balancer: the client address is read from X-Forwarded-For. */
    TRUST_PROXY: z.enum(['on', 'off']).default('off'),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
    DB_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
    /** AES-256 key (base64 of 32 bytes) for personal data at rest: ID numbers, party members' names and phones. */
    GONGZHI_DATA_KEY: z
      .string()
      .refine((v) => Buffer.from(v, 'base64').length === 32, '应为 32 字节密钥的 base64（openssl rand -base64 32）')
      .optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== 'production') return;
    // Safe production defaults: secrets are required, never defaulted.
    for (const key of ['JWT_SECRET', 'WX_APPID', 'WX_SECRET', 'GONGZHI_DATA_KEY'] as const) {
      if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: '正式环境必须设置' });
    }
    // The development values are public (they are in this repository): refusing them is the point.
    if (env.JWT_SECRET === DEV_JWT_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: '正式环境不能使用开发用的密钥' });
    }
    if (
      env.GONGZHI_DATA_KEY &&
      Buffer.from(env.GONGZHI_DATA_KEY, 'base64').equals(Buffer.from(DEV_DATA_KEY, 'base64'))
    ) {
      ctx.addIssue({ code: 'custom', path: ['GONGZHI_DATA_KEY'], message: '正式环境不能使用开发用的数据密钥' });
    }
    if (env.DEV_LOGIN === 'on') {
      ctx.addIssue({ code: 'custom', path: ['DEV_LOGIN'], message: '正式环境不能开启演示登录' });
    }
  });

export interface Settings {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  mongodbUri: string;
  dataDir: string;
  logDir: string;
  uploadDir: string;
  h5Dir: string;
  jwtSecret: string;
  jwtTtlHours: number;
  wx: {
    appId: string;
    secret: string;
    apiBase: string;
    templates: Record<SubscribeTopic, string | null>;
    miniprogramState: 'formal' | 'trial' | 'developer';
    /** WX_APPID is set: a real (or fake) WeChat app, so content is checked with it. */
    configured: boolean;
    /** Token of the message push; null: verdict callbacks are refused. */
    pushToken: string | null;
  };
  redisUrl: string | null;
  redisPrefix: string;
  /** Where people open the H5 version, without a trailing slash. */
  publicUrl: string;
  /** Whether this instance runs the outbox dispatcher's timer. */
  outboxSender: boolean;
  devLogin: boolean;
  /** Swagger UI and the OpenAPI document are mounted. */
  apiDocs: boolean;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** 限流: factor on every rate limit (1 in production). */
  rateLimitScale: number;
  /** Bytes of photos a person may store in 30 days. */
  uploadQuotaBytes: number;
  /** Client addresses come from X-Forwarded-For (set by our own proxy). */
  trustProxy: boolean;
  dbTimeoutMs: number;
  /** 32-byte key for encrypting personal data at rest and keying its blind indexes. */
  dataKey: Buffer;
}

export class SettingsError extends Error {
  constructor(
    readonly key: string,
    readonly reason: string,
  ) {
    super(`配置错误：${key} ${reason}`);
  }
}

/** Reads settings from the environment. Throws SettingsError naming the first bad setting. */
export function loadSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const result = schema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')),
  );
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new SettingsError(String(issue.path[0] ?? '(环境变量)'), issue.message);
  }
  const e = result.data;
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    mongodbUri: e.MONGODB_URI,
    dataDir,
    logDir: path.join(dataDir, 'log'),
    uploadDir: path.join(dataDir, 'uploads'),
    h5Dir: path.resolve(e.H5_DIR),
    jwtSecret: e.JWT_SECRET ?? DEV_JWT_SECRET,
    jwtTtlHours: e.JWT_TTL_HOURS,
    wx: {
      appId: e.WX_APPID ?? 'wx-dev-appid',
      secret: e.WX_SECRET ?? 'wx-dev-secret',
      apiBase: e.WX_API_BASE,
      templates: {
        whistle: e.WX_TEMPLATE_WHISTLE ?? null,
        need: e.WX_TEMPLATE_NEED ?? null,
        activity: e.WX_TEMPLATE_ACTIVITY ?? null,
      },
      miniprogramState: e.WX_MINIPROGRAM_STATE ?? (e.NODE_ENV === 'production' ? 'formal' : 'developer'),
      configured: !!e.WX_APPID,
      pushToken: e.WX_PUSH_TOKEN ?? null,
    },
    redisUrl: e.REDIS_URL ?? null,
    redisPrefix: e.REDIS_PREFIX,
    publicUrl: (e.PUBLIC_URL ?? `http://${e.HOST === '0.0.0.0' ? '127.0.0.1' : e.HOST}:${e.PORT}`).replace(/\/+$/, ''),
    outboxSender: e.OUTBOX_SENDER === 'on',
    devLogin: e.NODE_ENV !== 'production' && e.DEV_LOGIN !== 'off',
    apiDocs: mountedRoutes(env).apiDocs,
    logLevel: e.LOG_LEVEL,
    rateLimitScale: e.RATE_LIMIT_SCALE,
    uploadQuotaBytes: e.UPLOAD_QUOTA_MB * 1024 * 1024,
    trustProxy: e.TRUST_PROXY === 'on',
    dbTimeoutMs: e.DB_TIMEOUT_MS,
    dataKey: Buffer.from(e.GONGZHI_DATA_KEY ?? DEV_DATA_KEY, 'base64'),
  };
}

/**
 * Which optional routes are mounted, read when the controllers load (route decorators run at import):
 * production mounts no development-only endpoint, and the API docs only with `API_DOCS=on`.
 */
export function mountedRoutes(env: NodeJS.ProcessEnv = process.env): { apiDocs: boolean; devOnly: boolean } {
  const production = env.NODE_ENV === 'production';
  return { apiDocs: production ? env.API_DOCS === 'on' : env.API_DOCS !== 'off', devOnly: !production };
}
