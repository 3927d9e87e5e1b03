import { GRANT_ROLES } from '../roles';
/**
 * What the audit log records as read (`what`), in Chinese for people. The log keeps the code; the
 * admin page, the Excel export and 隐私与数据 show the label.
 */
export const AUDIT_WHAT_LABELS = {
  phone: '手机号',
  idNumber: '身份证号',
  name: '姓名',
  partyMembership: '党员身份',
  health: '健康状况',
  volunteer: '志愿者信息',
  account: '关联账号',
  export: '下载本人数据',
  erase: '注销账号',
  auditLog: '审计日志',
} as const;

export type AuditWhat = keyof typeof AUDIT_WHAT_LABELS;
export const AUDIT_WHATS = Object.keys(AUDIT_WHAT_LABELS) as AuditWhat[];

export function auditWhatLabel(what: string): string {
  return (AUDIT_WHAT_LABELS as Record<string, string>)[what] ?? what;
}

/** The case a read went through (`via`, `kind:detail`), longest prefix first. */
const VIA_LABELS: [prefix: string, label: string][] = [
  ['need:', '办理需求'],
  ['booking:', '处理预约'],
  ['shift:', '活动班次签到名单'],
  ['party:list', '党员名册'],
  ['party:detail', '党员详情'],
  ['party:reveal', '查看党员完整身份信息'],
  ['party:category', '调整党员类别'],
  ['party:history', '党员变更记录'],
  ['party:correct', '更正党员信息'],
  ['party:move', '党员转移'],
  ['party:deactivate', '党员停用'],
  ['party:reactivate', '党员恢复'],
  ['party:linked-members', '支部已关联账号的党员'],
  ['party:link:', '关联党员账号'],
  ['party:unlink:', '解除党员账号关联'],
  ['party:study', '支部学习记录'],
  ['party:registrations', '双报到名单'],
  ['party:evaluate', '双报告评价'],
  ['party:report-back:', '双报告导出'],
  ['points:branch-ranking', '支部积分排名'],
  ['rosters:volunteers', '志愿者名册'],
  ['rosters:volunteer:history', '志愿者变更记录'],
  ['rosters:volunteer', '志愿者详情'],
  ['staff:', '两委名册'],
  ['me:data', '下载本人数据'],
  ['me:erase', '注销账号'],
  ['audit:search', '查询审计日志'],
  ['audit:export', '导出审计日志'],
];

/** The readable reason of a read: 办理需求, 党员名册, …; an unknown case shows as 其他. */
export function auditViaLabel(via: string): string {
  return VIA_LABELS.find(([prefix]) => via === prefix || via.startsWith(prefix))?.[1] ?? '其他';
}

/** The need a read went through, when it was one (the admin page links to it). */
export function auditViaNeedId(via: string): string | null {
  const m = /^need:([0-9a-f]{24})$/.exec(via);
  return m ? m[1] : null;
}

/** The most senior role a reader acted in, for one label (县级管理员 before 社区工作者 …). */
export const AUDIT_ROLE_ORDER = [...GRANT_ROLES, 'partyMember', 'volunteer', 'resident'] as const;

/** How long audit records are kept at least (等保 2.0: 180 days); nothing in the product deletes them. */
export const AUDIT_RETENTION_DAYS = 180;
