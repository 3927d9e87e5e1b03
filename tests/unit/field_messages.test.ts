import { withoutFields } from '../../miniapp/packages/admin/lib/field-messages';

// useSubmit's `edited`: a changed field loses its message; the banner goes when none is left.
const errors = {
  title: '请填写标题',
  'fields.0.label': '请填写题目',
  'fields.1.label': '请填写题目',
  place: '请选择地点',
};

test('a changed field loses its message and the messages of its parts', () => {
  expect(withoutFields(errors, ['title'])).toEqual({
    'fields.0.label': '请填写题目',
    'fields.1.label': '请填写题目',
    place: '请选择地点',
  });
  expect(withoutFields(errors, ['fields'])).toEqual({ title: '请填写标题', place: '请选择地点' });
  expect(withoutFields(errors, ['title', 'place', 'fields'])).toEqual({});
});

test('a field with no message changes nothing (the same object, so no re-render)', () => {
  expect(withoutFields(errors, ['summary'])).toBe(errors);
  expect(withoutFields(errors, ['titles'])).toBe(errors);
});
