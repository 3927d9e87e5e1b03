import { z, objectId, page, pageSize, paged } from '../validation';
import type { Role } from '../roles';
import { POINTS_EARN_KINDS, POINTS_KINDS } from './rules';

/** Who holds points and redeems them in the 积分超市. */
export const POINTS_HOLDERS: readonly Role[] = ['volunteer', 'partyMember', 'resident'];
/** Who runs a community's 积分超市: its staff (the county may help any community). */
export const SHOP_KEEPERS: readonly Role[] = ['staff', 'countyAdmin'];
/** Who sees rankings: holders (of their own community) and the staff and admins above them. */
export const RANKING_VIEWERS: readonly Role[] = [
  'volunteer',
  'partyMember',
  'resident',
  'staff',
  'streetAdmin',
  'countyAdmin',
];

const year = z.coerce.number().int().min(2000).max(2100);

export const myPoints = z.object({
  balance: z.number().int(),
  year: z.number().int(),
  /** Points earned this year (spending does not lower it). */
  yearEarned: z.number().int(),
  byKind: z.array(
    z.object({
      kind: z.enum(POINTS_EARN_KINDS),
      label: z.string(),
      earned: z.number().int(),
      expectation: z.number().int(),
      cap: z.number().int(),
    }),
  ),
});
export type MyPoints = z.infer<typeof myPoints>;

export const pointsEntry = z.object({
  id: z.string(),
  delta: z.number().int(),
  balance: z.number().int(),
  kind: z.enum(POINTS_KINDS),
  label: z.string(),
  note: z.string(),
  at: z.string(),
});
export type PointsEntry = z.infer<typeof pointsEntry>;

export const pointsLedgerQuery = z.strictObject({ page, pageSize });
export const pointsLedger = paged(pointsEntry);

export const pointsRule = z.object({
  kind: z.enum(POINTS_EARN_KINDS),
  label: z.string(),
  points: z.number().int(),
  unit: z.string(),
  yearlyExpectation: z.number().int(),
  yearlyCap: z.number().int(),
});
export type PointsRule = z.infer<typeof pointsRule>;
export const pointsRules = z.object({ items: z.array(pointsRule) });

export const pointsRuleParams = z.strictObject({ kind: z.enum(POINTS_EARN_KINDS) });
export const pointsRuleBody = z
  .strictObject({
    points: z.number().int().min(0).max(1000),
    yearlyExpectation: z.number().int().min(0).max(100_000),
    yearlyCap: z.number().int().min(0).max(100_000),
  })
  .refine((v) => v.yearlyCap >= v.yearlyExpectation, { path: ['yearlyCap'], message: '年度上限不能低于年度期望' });

export const RANKING_GROUPS = ['person', 'community'] as const;
export const pointsRankingQuery = z.strictObject({
  year: year.optional(),
  /** person: people of one community; community: the communities in the caller's scope. */
  by: z.enum(RANKING_GROUPS).default('person'),
  communityId: objectId.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const pointsRanking = z.object({
  year: z.number().int(),
  by: z.enum(RANKING_GROUPS),
  items: z.array(
    z.object({
      rank: z.number().int(),
      /** A community's id; for people a row key (`row-3`), except one's own id on one's own row. */
      id: z.string(),
      /** People are shown masked to everyone but themselves; communities by name. */
      name: z.string(),
      points: z.number().int(),
      me: z.boolean(),
    }),
  ),
});

// ——— 积分超市 ———

export const shopItemParams = z.strictObject({ id: objectId });

export const shopItem = z.object({
  id: z.string(),
  communityId: z.string(),
  name: z.string(),
  description: z.string(),
  price: z.number().int(),
  /** Units still on the shelf: stock added minus units redeemed. */
  stock: z.number().int(),
  imageUrl: z.string().nullable(),
  active: z.boolean(),
});
export type ShopItem = z.infer<typeof shopItem>;

export const shopItemsQuery = z.strictObject({
  communityId: objectId.optional(),
  /** Staff see withdrawn items too. */
  all: z.enum(['true', 'false']).default('false'),
  page,
  pageSize,
});
export const shopItemList = paged(shopItem);

const itemFields = {
  name: z.string().trim().min(2, '名称至少 2 个字').max(40),
  description: z.string().trim().max(200),
  price: z.number().int().min(1, '兑换积分至少为 1').max(100_000),
  imageUrl: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .nullable(),
};

export const createShopItemBody = z.strictObject({
  ...itemFields,
  description: itemFields.description.default(''),
  imageUrl: itemFields.imageUrl.default(null),
  /** Defaults to the caller's community. */
  communityId: objectId.optional(),
  stock: z.number().int().min(0).max(10_000),
});

export const updateShopItemBody = z
  .strictObject({
    name: itemFields.name.optional(),
    description: itemFields.description.optional(),
    price: itemFields.price.optional(),
    imageUrl: itemFields.imageUrl.optional(),
    active: z.boolean().optional(),
    /** Units put on the shelf (stock only ever grows by restocking; redeeming takes units off). */
    addStock: z.number().int().min(1).max(10_000).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, '请至少修改一项');

export const REDEMPTION_STATUSES = ['awaitingPickup', 'handedOver'] as const;
export type RedemptionStatus = (typeof REDEMPTION_STATUSES)[number];
export const REDEMPTION_STATUS_LABELS: Record<RedemptionStatus, string> = {
  awaitingPickup: '待领取',
  handedOver: '已领取',
};

export const redemption = z.object({
  id: z.string(),
  item: z.object({ id: z.string(), name: z.string() }),
  communityId: z.string(),
  price: z.number().int(),
  /** Shown by the resident at the counter; the staff enter it to hand the item over. */
  pickupCode: z.string(),
  status: z.enum(REDEMPTION_STATUSES),
  /** Staff lists only: the resident's name. */
  personName: z.string().nullable(),
  redeemedAt: z.string(),
  handedOverAt: z.string().nullable(),
});
export type Redemption = z.infer<typeof redemption>;

export const redeemBody = z.strictObject({});
export const redemptionsQuery = z.strictObject({
  status: z.enum(REDEMPTION_STATUSES).optional(),
  page,
  pageSize,
});
export const redemptionList = paged(redemption);
export const redemptionParams = z.strictObject({ id: objectId });
export const handOverBody = z.strictObject({
  pickupCode: z.string().regex(/^\d{6}$/, '领取码为 6 位数字'),
});

// ——— Per party branch ———

/** Who may ask for branch rankings: 党务 staff (with the duty) and holders, who see their own branch only. */
export const BRANCH_RANKING_VIEWERS: readonly Role[] = RANKING_VIEWERS;
export const branchRankingQuery = z.strictObject({ year: year.optional() });
export const branchRanking = z.object({
  year: z.number().int(),
  items: z.array(
    z.object({
      rank: z.number().int(),
      id: z.string(),
      name: z.string(),
      /** Yearly points earned by the branch's members linked to an account. */
      total: z.number().int(),
      /** total / memberCount, one decimal (members without an account count with 0 points). */
      average: z.number(),
      /** 在册党员: the branch's members on the roster (not transferred out or deactivated), as on the dashboard. */
      memberCount: z.number().int(),
      /** Of them, those linked to an account (only they can earn points). */
      linkedCount: z.number().int(),
      /** The caller's own branch. */
      mine: z.boolean(),
    }),
  ),
});
export type BranchRanking = z.infer<typeof branchRanking>;
export const branchRankingParams = z.strictObject({ id: objectId });
export const branchMembersRankingQuery = z.strictObject({
  year: year.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const branchMembersRanking = z.object({
  year: z.number().int(),
  branchId: z.string(),
  branchName: z.string(),
  /** 在册党员, as in the branch ranking and on the dashboard. */
  memberCount: z.number().int(),
  /** Those linked to an account: the rows below. */
  linkedCount: z.number().int(),
  items: z.array(
    z.object({
      rank: z.number().int(),
      /** The member's id for 党务 staff and on one's own row; otherwise a row key (`row-3`). */
      memberId: z.string(),
      /** Masked for everyone but 党务 staff and the member themself. */
      name: z.string(),
      points: z.number().int(),
      me: z.boolean(),
    }),
  ),
});
export type BranchMembersRanking = z.infer<typeof branchMembersRanking>;
