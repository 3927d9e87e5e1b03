import { z } from '../validation';

/** The organisation tree of DESIGN.md: every record carries its place in it. */
export const ORG_KINDS = ['county', 'street', 'community', 'grid', 'complex', 'building', 'department'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const ORG_KIND_LABELS: Record<OrgKind, string> = {
  county: '县',
  street: '街道',
  community: '社区',
  grid: '网格',
  complex: '小区',
  building: '楼栋',
  department: '职能部门',
};

export const orgRef = z.object({
  id: z.string(),
  kind: z.enum(ORG_KINDS),
  name: z.string(),
});
export type OrgRef = z.infer<typeof orgRef>;
