import { openedWith, scannedTarget } from '../../miniapp/services/links';

// 扫一扫 and the account pages: which of our pages a scanned code or an opened link leads to.

test('a QR code of the H5 sign-in link opens the confirm page with its ticket', () => {
  const result = 'https://gongzhi.example.gov.cn/#/packages/account/scan-login/index?ticket=AbC_12-xyzXYZ0987';
  expect(scannedTarget({ result })).toBe('/packages/account/scan-login/index?ticket=AbC_12-xyzXYZ0987');
});

test("a mini-program code gives the page path with WeChat's scene: the invitation's code", () => {
  const path = 'packages/account/invite/index?scene=K7QD9XMP2TABCDEF';
  expect(scannedTarget({ result: '', path })).toBe('/packages/account/invite/index?code=K7QD9XMP2TABCDEF');
});

test('the setup link keeps its code; anything else is not ours', () => {
  expect(scannedTarget({ result: 'http://127.0.0.1:7001/#/packages/account/setup/index?code=K7QD-9XMP-2TAB' })).toBe(
    '/packages/account/setup/index?code=K7QD-9XMP-2TAB',
  );
  expect(scannedTarget({ result: 'https://example.com/#/packages/admin/inbox/index?x=1' })).toBeNull();
  expect(scannedTarget({ result: 'https://weixin.qq.com/r/abc' })).toBeNull();
  expect(scannedTarget({ result: '6901234567892' })).toBeNull();
  expect(scannedTarget({ result: 'https://x/#/packages/account/invite/index' })).toBeNull(); // no code
});

test('a page reads its value from the link, the scene, or the whole link WeChat passes as q', () => {
  expect(openedWith({ code: 'K7QD9XMP2TABCDEF' }, 'code')).toBe('K7QD9XMP2TABCDEF');
  expect(openedWith({ scene: encodeURIComponent('K7QD9XMP2TABCDEF') }, 'code')).toBe('K7QD9XMP2TABCDEF');
  const q = encodeURIComponent(
    'https://gongzhi.example.gov.cn/#/packages/account/scan-login/index?ticket=T0k3n_abcdefghijk',
  );
  expect(openedWith({ q }, 'ticket')).toBe('T0k3n_abcdefghijk');
  expect(openedWith({}, 'code')).toBeNull();
});
