/**
 * The reasons staff tap to fill a reject sheet (the text stays editable; the resident reads it).
 * Defined once here so the sheets and any later report share the words.
 */
export const NEED_REJECT_REASONS: readonly string[] = [
  '不在本社区服务范围，建议拨打 12345 热线反映',
  '信息不全，请补充后再下单',
  '已有相同的需求在办理',
  '时间无法安排，请换个时间再下单',
];
