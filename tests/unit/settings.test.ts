import { loadSettings, SettingsError } from '../../cloud/src/config/settings';

const prod = {
  NODE_ENV: 'production',
  JWT_SECRET: 'x'.repeat(32),
  WX_APPID: 'wx1',
  WX_SECRET: 's',
  GONGZHI_DATA_KEY: Buffer.alloc(32, 1).toString('base64'),
};

test('development works with no settings at all, with the demo sign-in on', () => {
  const s = loadSettings({});
  expect(s.env).toBe('development');
  expect(s.port).toBe(7001);
  expect(s.devLogin).toBe(true);
  expect(s.logDir.endsWith('/data/log')).toBe(true);
});

test.each(['JWT_SECRET', 'WX_APPID', 'WX_SECRET', 'GONGZHI_DATA_KEY'])(
  'production refuses to start without %s, naming it',
  (key) => {
    const env = { ...prod, [key]: undefined };
    expect(() => loadSettings(env)).toThrow(new SettingsError(key, '正式环境必须设置'));
  },
);

test('production never has the demo sign-in, and refuses to be asked for it', () => {
  expect(loadSettings(prod).devLogin).toBe(false);
  expect(() => loadSettings({ ...prod, DEV_LOGIN: 'on' })).toThrow('配置错误：DEV_LOGIN');
});

test('a wrong value names the setting in one line', () => {
  expect(() => loadSettings({ PORT: 'eighty' })).toThrow(/^配置错误：PORT /);
  expect(() => loadSettings({ MONGODB_URI: 'postgres://x' })).toThrow(
    '配置错误：MONGODB_URI 必须以 mongodb:// 或 mongodb+srv:// 开头',
  );
  expect(() => loadSettings({ ...prod, JWT_SECRET: 'short' })).toThrow('配置错误：JWT_SECRET 至少 32 个字符');
});

test('the data key must be 32 bytes of base64; development has a fixed one so its data stays readable', () => {
  expect(() => loadSettings({ GONGZHI_DATA_KEY: 'c2hvcnQ=' })).toThrow(/^配置错误：GONGZHI_DATA_KEY /);
  expect(loadSettings({}).dataKey).toEqual(loadSettings({}).dataKey);
  expect(loadSettings({}).dataKey).toHaveLength(32);
});

test('production refuses the development JWT secret and data key, which are public in this repository', () => {
  const dev = loadSettings({});
  expect(() => loadSettings({ ...prod, JWT_SECRET: dev.jwtSecret })).toThrow(
    new SettingsError('JWT_SECRET', '正式环境不能使用开发用的密钥'),
  );
  expect(() => loadSettings({ ...prod, GONGZHI_DATA_KEY: dev.dataKey.toString('base64') })).toThrow(
    new SettingsError('GONGZHI_DATA_KEY', '正式环境不能使用开发用的数据密钥'),
  );
});

test('the public address for links defaults to where the API listens, and takes no trailing slash', () => {
  expect(loadSettings({ PORT: '7005' }).publicUrl).toBe('http://127.0.0.1:7005');
  expect(loadSettings({ PUBLIC_URL: 'https://gz.example.gov.cn/' }).publicUrl).toBe('https://gz.example.gov.cn');
  expect(() => loadSettings({ REDIS_URL: 'localhost:6379' })).toThrow(
    '配置错误：REDIS_URL 必须以 redis:// 或 rediss:// 开头',
  );
});

test('限流: production limits by default (scale 1, 300 MB of photos in 30 days, client address from the socket)', () => {
  const s = loadSettings(prod);
  expect([s.rateLimitScale, s.uploadQuotaBytes, s.trustProxy]).toEqual([1, 300 * 1024 * 1024, false]);
  expect(loadSettings({ ...prod, TRUST_PROXY: 'on', RATE_LIMIT_SCALE: '2' })).toMatchObject({
    trustProxy: true,
    rateLimitScale: 2,
  });
  expect(() => loadSettings({ RATE_LIMIT_SCALE: '0.5' })).toThrow(/^配置错误：RATE_LIMIT_SCALE /);
  expect(() => loadSettings({ UPLOAD_QUOTA_MB: '0' })).toThrow(/^配置错误：UPLOAD_QUOTA_MB /);
});
