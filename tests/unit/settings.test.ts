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
