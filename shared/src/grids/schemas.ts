import { z } from '../validation';
import { ORG_KINDS } from '../org';

/** A node of the org tree as pickers show it: 小区 with their 楼栋, 网格, 社区. */
export const orgNode = z.object({
  id: z.string(),
  kind: z.enum(ORG_KINDS),
  name: z.string(),
  parentId: z.string().nullable(),
  /** Complexes: 老旧小区 / has a property company. */
  old: z.boolean().optional(),
  hasProperty: z.boolean().optional(),
});
export type OrgNode = z.infer<typeof orgNode>;
