import { buildPath, devLoginBody, findUnsafeKey, maskPhone, mobilePhone, parseWith, z } from '@gongzhi/shared';

test('findUnsafeKey finds operator keys, dotted keys and prototype keys at any depth', () => {
  expect(findUnsafeKey({ a: 1, b: [{ c: 'x' }] })).toBeNull();
  expect(findUnsafeKey({ a: { $ne: null } })).toEqual({ path: 'a.$ne', message: '字段名不合法' });
  expect(findUnsafeKey({ list: [{ 'x.y': 1 }] })).toEqual({ path: 'list.0.x.y', message: '字段名不合法' });
  expect(findUnsafeKey(JSON.parse('{"__proto__": {"admin": true}}'))?.path).toBe('__proto__');
  expect(findUnsafeKey('plain $string values are fine')).toBeNull();
});

test('parseWith gives Chinese messages with field paths and refuses unknown fields', () => {
  const r = parseWith(devLoginBody, { account: '', extra: 1 }, 'body');
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.fields).toEqual(
    expect.arrayContaining([
      { path: 'body.account', message: '请选择演示账号' },
      { path: 'body', message: '不允许的字段：extra' },
    ]),
  );
  const phone = parseWith(z.object({ phone: mobilePhone }), { phone: '123' });
  expect(!phone.ok && phone.fields[0]).toEqual({ path: 'phone', message: '请输入 11 位手机号' });
  const wrongType = parseWith(z.object({ n: z.number() }), { n: 'x' });
  expect(!wrongType.ok && wrongType.fields[0].message).toMatch(/[\u4e00-\u9fa5]/);
});

test('maskPhone keeps only the first three and last four digits', () => {
  expect(maskPhone('13812340001')).toBe('138****0001');
  expect(maskPhone(null)).toBeNull();
  expect(maskPhone('12345')).toBe('*****');
});

test('buildPath fills and encodes path parameters', () => {
  expect(buildPath('/api/v1/menu/items/:id', { id: 'a/b' })).toBe('/api/v1/menu/items/a%2Fb');
  expect(() => buildPath('/api/v1/menu/items/:id', {})).toThrow('missing path parameter id');
});
