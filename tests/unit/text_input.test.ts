import { cleanStrings, parseWith, unpairedSurrogateAt, visibleText, z } from '@gongzhi/shared';

const required = z.object({ description: z.string().trim().min(1, '请填写描述') });

test('a text made only of zero-width and control characters is empty, and refused where text is required', () => {
  for (const invisible of ['\u200B\u200B', '\uFEFF \u2060', '\u200D\u200C', '\u0007\u001F\u202E', ' \u00AD\t']) {
    expect(visibleText(invisible)).toBe('');
    const r = parseWith(required, { description: invisible }, 'body');
    expect(r).toEqual({ ok: false, fields: [{ path: 'body.description', message: '请填写描述' }] });
  }
});

test('invisible characters are removed from real text; joiners inside emoji sequences and line breaks stay', () => {
  expect(visibleText('楼道\u200B灯坏了\u202E')).toBe('楼道灯坏了');
  const family = '一家人👨\u200D👩\u200D👧';
  expect(visibleText(family)).toBe(family);
  expect(visibleText('第一行\n第二行\t')).toBe('第一行\n第二行\t');
  const r = parseWith(required, { description: '\uFEFF水管漏水' });
  expect(r).toEqual({ ok: true, data: { description: '水管漏水' } });
});

test('an unpaired surrogate is refused with its field, wherever it is', () => {
  expect(unpairedSurrogateAt('好\uD83D')).toBe(1);
  expect(unpairedSurrogateAt('\uDE00好')).toBe(0);
  expect(unpairedSurrogateAt('好😀')).toBe(-1);
  const r = cleanStrings({ answers: { note: ['ok', '坏\uDC00'] } }, 'body');
  expect(r).toEqual({ ok: false, field: { path: 'body.answers.note.1', message: '包含无法识别的字符，请重新输入' } });
  const key = cleanStrings({ ['\uD800x']: 1 }, 'body');
  expect(key.ok).toBe(false);
});
