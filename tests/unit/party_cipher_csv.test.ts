import { idNumberProblem, maskIdNumber, maskName } from '@gongzhi/shared';
import { DataCipher } from '../../cloud/src/core/cipher';
import { decodeCsv, parseCsv } from '../../cloud/src/imports/read-sheet';

test('AES-GCM: a value encrypts differently each time, decrypts back, and a tampered one is refused', () => {
  const c = new DataCipher(Buffer.alloc(32, 3));
  const a = c.encrypt('510123198503150017');
  const b = c.encrypt('510123198503150017');
  expect(a).not.toBe(b);
  expect(a).not.toContain('510123');
  expect(c.decrypt(a)).toBe('510123198503150017');
  const parts = a.split('.');
  parts[3] = Buffer.from('x' + Buffer.from(parts[3], 'base64url').toString('latin1'), 'latin1').toString('base64url');
  expect(() => c.decrypt(parts.join('.'))).toThrow();
  expect(() => new DataCipher(Buffer.alloc(32, 4)).decrypt(a)).toThrow();
});

test('the blind index is stable for a key, case-insensitive for X, and differs under another key', () => {
  const c = new DataCipher(Buffer.alloc(32, 3));
  expect(c.blindIndex('idNumber', '11010519850315001x')).toBe(c.blindIndex('idNumber', '11010519850315001X'));
  expect(c.blindIndex('idNumber', '1')).not.toBe(new DataCipher(Buffer.alloc(32, 5)).blindIndex('idNumber', '1'));
});

test('ID numbers: format, date and check digit; masks keep region and last four only', () => {
  expect(idNumberProblem('11010519491231002X')).toBeNull();
  expect(idNumberProblem('110105194912310021')).toBe('身份证号校验位不对，请核对是否抄错');
  expect(idNumberProblem('12345')).toBe('身份证号应为 18 位（最后一位可以是 X）');
  expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  expect(maskName('刘建国')).toBe('刘*国');
});

test('CSV: quotes, commas and newlines inside quotes, CRLF; text stays text; GBK and BOM are decoded', () => {
  expect(parseCsv('a,"b,c","d ""e"""\r\n1,"x\ny",0012\n')).toEqual([
    ['a', 'b,c', 'd "e"'],
    ['1', 'x\ny', '0012'],
  ]);
  expect(decodeCsv(Buffer.from('\uFEFF姓名', 'utf8'))).toBe('姓名');
  expect(decodeCsv(Buffer.from([0xd0, 0xd5, 0xc3, 0xfb]))).toBe('姓名'); // GBK
});
