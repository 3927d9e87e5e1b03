import { z, mobilePhone } from '../validation';
import { EDUCATION_LEVELS } from '../people/rosters';
import { EMPLOYMENT_LABELS, HEALTH_LABELS, type Employment, type Health } from '../party/category';
import { idNumberProblem } from '../party/idnumber';
import { SERVICE_BRANDS, type BrandCode } from '../activities/brands';
import { ACTIVITY_FORMAT_LABELS, type ActivityFormat } from '../activities/schemas';
import type { ImportKind } from './schemas';
import { SHEET_DATE_FORMS, sheetDate } from './dates';

/**
 * The row schemas of the import templates: each cell arrives as trimmed text ('' = empty), and the
 * schema turns it into typed values or Chinese messages naming what to fix. Keys are the code names;
 * headers are what the template and the error list show.
 */
export interface ImportColumn {
  key: string;
  header: string;
  required: boolean;
  note: string;
  example: string;
}

const required = (what: string) => z.string({ error: `请填写${what}` }).min(1, `请填写${what}`);
const optional = z
  .string()
  .optional()
  .transform((v) => (v ? v : null));
const idNumber = required('身份证号')
  .transform((v) => v.toUpperCase())
  .superRefine((v, ctx) => {
    const problem = idNumberProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
const phone = z
  .union([z.literal(''), mobilePhone])
  .optional()
  .transform((v) => (v ? v : null));
const yesNo = (what: string, fallback: boolean) =>
  z
    .enum(['是', '否', ''], { error: `${what}请填“是”或“否”` })
    .optional()
    .transform((v) => (v ? v === '是' : fallback));
const labelled = <T extends string>(labels: Record<T, string>, what: string, fallback?: T) => {
  const byLabel = new Map(Object.entries(labels).map(([k, v]) => [v as string, k as T]));
  const names = [...byLabel.keys()].join('、');
  return z
    .string()
    .optional()
    .transform((v, ctx): T => {
      if (!v && fallback) return fallback;
      const hit = v ? byLabel.get(v) : undefined;
      if (!hit) {
        ctx.addIssue({ code: 'custom', message: v ? `${what}只能是：${names}` : `请填写${what}（${names}）` });
        return z.NEVER;
      }
      return hit;
    });
};
const name = (what: string) => required(what).max(40, `${what}最多 40 个字`);

export const residentRow = z.object({
  name: name('姓名'),
  idNumber,
  phone,
  community: required('社区'),
  complex: optional,
  building: optional,
});
export type ResidentRow = z.output<typeof residentRow>;

export const partyMemberRow = z.object({
  name: name('姓名'),
  idNumber,
  phone,
  community: required('社区'),
  branch: name('所在支部'),
  employment: labelled<Employment>(EMPLOYMENT_LABELS, '工作状态'),
  health: labelled<Health>({ good: '良好', frail: '年老体弱' }, '身体状况', 'good'),
  mobile: yesNo('流动党员', false),
});
export type PartyMemberRow = z.output<typeof partyMemberRow>;

export const unitRow = z.object({
  name: name('单位名称'),
  kind: name('单位类别'),
  street: required('所属街道'),
});
export type UnitRow = z.output<typeof unitRow>;

export const staffRow = z.object({
  name: name('姓名'),
  idNumber,
  phone,
  community: required('社区'),
  education: z.enum(EDUCATION_LEVELS, { error: `学历只能是：${EDUCATION_LEVELS.join('、')}` }),
  post: name('职务'),
  committee: yesNo('是否两委成员', false),
});
export type StaffRow = z.output<typeof staffRow>;

export const complexRow = z.object({
  name: name('小区名称'),
  community: required('社区'),
  grid: required('网格'),
  old: yesNo('是否老旧小区', false),
  hasProperty: yesNo('有无物业服务', false),
  buildings: z
    .string()
    .optional()
    .transform((v) => (v ? Number(v) : 0))
    .pipe(z.number({ error: '楼栋数应为数字' }).int('楼栋数应为整数').min(0).max(200, '楼栋数最多 200')),
});
export type ComplexRow = z.output<typeof complexRow>;

const brandNames = Object.fromEntries(SERVICE_BRANDS.map((b) => [b.code, b.name])) as Record<BrandCode, string>;
export const pastActivityRow = z.object({
  title: name('活动名称'),
  date: sheetDate('日期'),
  community: required('社区'),
  brand: labelled<BrandCode>(brandNames, '服务品牌', 'other'),
  format: labelled<ActivityFormat>(ACTIVITY_FORMAT_LABELS, '形式', 'service'),
  address: optional,
  description: optional,
});
export type PastActivityRow = z.output<typeof pastActivityRow>;

/** A name of the tree: "/", ":" and "\\" are refused there (shared/src/org/schemas.ts). */
const treeName = (what: string, req: boolean) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v) {
        if (req) ctx.addIssue({ code: 'custom', message: `请填写${what}` });
        return null;
      }
      if (v.length > 40) ctx.addIssue({ code: 'custom', message: `${what}最多 40 个字` });
      if (/[/:\\]/.test(v)) ctx.addIssue({ code: 'custom', message: `${what}不能包含 / : \\ 这些符号` });
      return v;
    });
/** 是 / 否, or empty: not said (a repeated complex row need not repeat it). */
const yesNoOrUnsaid = (what: string) =>
  z
    .enum(['是', '否', ''], { error: `${what}请填“是”或“否”` })
    .optional()
    .transform((v) => (v ? v === '是' : null));
const coordinate = (what: string, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      const n = Number(v);
      if (!Number.isFinite(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `${what}应为 ${min} 到 ${max} 之间的数字` });
        return z.NEVER;
      }
      return n;
    });

/** One line of the tree: 街道 → 社区 → 网格 → 小区 → 楼栋, as deep as the row goes. */
export const orgTreeRow = z
  .object({
    street: treeName('街道', true),
    community: treeName('社区', true),
    grid: treeName('网格', false),
    complex: treeName('小区', false),
    building: treeName('楼栋', false),
    old: yesNoOrUnsaid('老旧小区'),
    hasProperty: yesNoOrUnsaid('有物业'),
    lng: coordinate('经度', 73, 136),
    lat: coordinate('纬度', 3, 54),
  })
  .superRefine((r, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (r.complex && !r.grid) issue('grid', '填写小区时请同时填写它所在的网格');
    if (r.building && !r.complex) issue('complex', '填写楼栋时请同时填写它所在的小区');
    const complexFacts = r.old !== null || r.hasProperty !== null || r.lng !== null || r.lat !== null;
    if (complexFacts && !r.complex) issue('complex', '老旧小区、有物业和经纬度是小区的情况，请填写小区');
    if ((r.lng === null) !== (r.lat === null)) issue(r.lng === null ? 'lng' : 'lat', '经度和纬度请一起填写');
  });
export type OrgTreeRow = z.output<typeof orgTreeRow>;

const c = (key: string, header: string, req: boolean, example: string, note = ''): ImportColumn => ({
  key,
  header,
  required: req,
  note,
  example,
});
const idCol = c(
  'idNumber',
  '身份证号',
  true,
  '510123198503150017',
  '18 位；请把本列设为“文本”格式，以免 Excel 改成科学计数',
);
const phoneCol = c('phone', '手机号', false, '13800001234', '11 位手机号');
const communityCol = c('community', '社区', true, '南门社区', '社区工作者只能导入本社区');

/** Columns of each kind's template, in order. */
export const IMPORT_COLUMNS: Record<ImportKind, ImportColumn[]> = {
  residents: [
    c('name', '姓名', true, '张秀兰'),
    idCol,
    phoneCol,
    communityCol,
    c('complex', '小区', false, '南门小区', '须是该社区已有的小区'),
    c('building', '楼栋', false, '1号楼', '须是该小区已有的楼栋'),
  ],
  volunteers: [
    c('name', '姓名', true, '王志强'),
    idCol,
    phoneCol,
    communityCol,
    c('complex', '小区', false, '粮站家属院', '须是该社区已有的小区'),
    c('building', '楼栋', false, '', '须是该小区已有的楼栋'),
  ],
  partyMembers: [
    c('name', '姓名', true, '刘建国'),
    idCol,
    phoneCol,
    c('community', '社区', true, '南门社区', '党员居住（报到）的社区'),
    c('branch', '所在支部', true, '南门社区党支部', '本社区没有的支部会新建'),
    c('employment', '工作状态', true, '在职', Object.values(EMPLOYMENT_LABELS).join('、')),
    c('health', '身体状况', false, '良好', `良好、年老体弱；不填为良好（${HEALTH_LABELS.frail}记为年老体弱）`),
    c('mobile', '流动党员', false, '否', '外出务工经商的填“是”'),
  ],
  units: [
    c('name', '单位名称', true, '县人民医院'),
    c('kind', '单位类别', true, '医疗卫生', '如 机关、教育、医疗卫生、国有企业'),
    c('street', '所属街道', true, '城关街道'),
  ],
  staff: [
    c('name', '姓名', true, '陈静'),
    idCol,
    phoneCol,
    communityCol,
    c('education', '学历', true, '大专', EDUCATION_LEVELS.join('、')),
    c('post', '职务', true, '委员', '如 书记、主任、副主任、委员、网格员'),
    c('committee', '是否两委成员', false, '是', '社区党组织和居委会成员填“是”'),
  ],
  complexes: [
    c('name', '小区名称', true, '南门小区'),
    communityCol,
    c('grid', '网格', true, '南门第一网格', '须是该社区已有的网格'),
    c('old', '是否老旧小区', false, '是', '是 / 否'),
    c('hasProperty', '有无物业服务', false, '否', '有物业填“是”'),
    c('buildings', '楼栋数', false, '3', '会建好 1号楼…N号楼'),
  ],
  pastActivities: [
    c('title', '活动名称', true, '文明交通引导志愿服务'),
    c('date', '日期', true, '2025-03-15', `可写 ${SHEET_DATE_FORMS}，或 Excel 的日期格式`),
    communityCol,
    c('brand', '服务品牌', false, '文明交通引导', SERVICE_BRANDS.map((b) => b.name).join('、')),
    c('format', '形式', false, '实践服务', '实践服务 / 座谈会议'),
    c('address', '地点', false, '南门十字路口'),
    c('description', '内容', false, '早高峰劝导行人遵守信号灯'),
  ],
  orgTree: [
    c('street', '街道', true, '城关街道', '县级管理员可写新街道；街道管理员只能写本街道'),
    c('community', '社区', true, '南门社区', '全县社区不重名；没有的社区会新建'),
    c('grid', '网格', false, '南门第一网格', '没有的网格会新建在该社区下'),
    c('complex', '小区', false, '南门小区', '同一社区内小区不重名；写在另一个网格下即调整到该网格'),
    c('building', '楼栋', false, '1号楼', '每栋楼一行，小区那几列可以重复填写'),
    c('old', '老旧小区', false, '是', '是 / 否，不填则不改'),
    c('hasProperty', '有物业', false, '否', '是 / 否，不填则不改'),
    c('lng', '经度', false, '104.0712', '小区位置，可不填；与纬度一起填写'),
    c('lat', '纬度', false, '30.6703', ''),
  ],
};

export const IMPORT_ROW_SCHEMAS = {
  residents: residentRow,
  volunteers: residentRow,
  partyMembers: partyMemberRow,
  units: unitRow,
  staff: staffRow,
  complexes: complexRow,
  pastActivities: pastActivityRow,
  orgTree: orgTreeRow,
} as const satisfies Record<ImportKind, z.ZodType>;
