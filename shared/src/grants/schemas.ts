import { z, objectId, page, pageSize } from '../validation';
import { GRANT_ROLES, ROLES } from '../roles';
import { GRANT_PLACE_KINDS, INVITATION_DEFAULT_DAYS, INVITATION_MAX_DAYS } from './rules';

export const grantPlace = z.object({
  kind: z.enum(GRANT_PLACE_KINDS),
  id: z.string(),
  name: z.string(),
  /** The place's parents, county first, for people who do not know the tree: "城关街道 · 南门社区". */
  path: z.string(),
});
export type GrantPlace = z.infer<typeof grantPlace>;

export const GRANT_STATUSES = ['active', 'revoked', 'expired'] as const;
export type GrantStatus = (typeof GRANT_STATUSES)[number];
export const GRANT_STATUS_LABELS: Record<GrantStatus, string> = {
  active: '有效',
  revoked: '已撤销',
  expired: '已到期',
};

const personRef = z.object({ id: z.string(), name: z.string() });

export const grantView = z.object({
  id: z.string(),
  /** Name in full (staff see who holds a post); the phone masked. */
  person: personRef.extend({ phone: z.string().nullable() }),
  role: z.enum(GRANT_ROLES),
  place: grantPlace,
  grantedBy: personRef.nullable(),
  grantedAt: z.string(),
  until: z.string().nullable(),
  status: z.enum(GRANT_STATUSES),
  revokedAt: z.string().nullable(),
  revokedBy: personRef.nullable(),
  revokeReason: z.string().nullable(),
  /** Whether the caller may revoke it (it lies in their scope and is still active). */
  canRevoke: z.boolean(),
});
export type GrantView = z.infer<typeof grantView>;

export const listGrantsQuery = z.strictObject({
  role: z.enum(GRANT_ROLES).optional(),
  /** Grants at this place or below it. */
  placeId: objectId.optional(),
  status: z.enum(GRANT_STATUSES).default('active'),
  page,
  pageSize,
});
export const grantList = z.object({
  items: z.array(grantView),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

export const revokeGrantBody = z.strictObject({
  reason: z.string().trim().min(2, '请写明撤销原因（至少 2 个字）').max(200, '原因最多 200 个字'),
});

/** A post the signed-in person holds, for 我的 and the session. */
export const myPost = z.object({
  grantId: z.string(),
  role: z.enum(GRANT_ROLES),
  place: grantPlace,
  until: z.string().nullable(),
});
export type MyPost = z.infer<typeof myPost>;

/** Places where the caller may grant a role (the invitation form's place picker). */
export const listGrantPlacesQuery = z.strictObject({ role: z.enum(GRANT_ROLES, { error: '请选择要授予的身份' }) });
export const grantPlaceOption = grantPlace.extend({
  /** Service people only: the unit's people (律师、医生…) on its resource list, to serve as. */
  resources: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type GrantPlaceOption = z.infer<typeof grantPlaceOption>;
export const grantPlaceList = z.object({ items: z.array(grantPlaceOption) });

// ---------------------------------------------------------------- invitations

export const INVITATION_STATUSES = ['open', 'accepted', 'expired', 'cancelled'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];
export const INVITATION_STATUS_LABELS: Record<InvitationStatus, string> = {
  open: '待接受',
  accepted: '已接受',
  expired: '已过期',
  cancelled: '已作废',
};

export const createInvitationBody = z.strictObject({
  role: z.enum(GRANT_ROLES, { error: '请选择要授予的身份' }),
  /** The org node (county, street, department, community, grid) or the unit. */
  placeId: objectId,
  /** How long the invitation may be accepted. */
  validDays: z
    .number()
    .int()
    .min(1, '有效期至少 1 天')
    .max(INVITATION_MAX_DAYS, `有效期最多 ${INVITATION_MAX_DAYS} 天`)
    .default(INVITATION_DEFAULT_DAYS),
  /** The grant ends on this day (China time, inclusive); none: until revoked. */
  until: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 2026-03-15')
    .nullable()
    .default(null),
  /** Service people: the unit's person resource this account serves as (刘明律师). */
  resourceId: objectId.nullable().default(null),
  /** Who it is for, so the granter recognises it in the list: "给刘明". */
  note: z.string().trim().max(40, '备注最多 40 个字').default(''),
});
export type CreateInvitationBody = z.input<typeof createInvitationBody>;

export const invitationView = z.object({
  id: z.string(),
  role: z.enum(GRANT_ROLES),
  place: grantPlace,
  note: z.string(),
  resource: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdBy: personRef,
  createdAt: z.string(),
  expiresAt: z.string(),
  until: z.string().nullable(),
  status: z.enum(INVITATION_STATUSES),
  acceptedBy: personRef.nullable(),
  acceptedAt: z.string().nullable(),
  /** Open invitations only: the code, the H5 link and the mini-program page that accept it. */
  code: z.string().nullable(),
  link: z.string().nullable(),
  mpPath: z.string().nullable(),
});
export type InvitationView = z.infer<typeof invitationView>;

export const listInvitationsQuery = z.strictObject({
  status: z.enum(INVITATION_STATUSES).optional(),
  page,
  pageSize,
});
export const invitationList = z.object({
  items: z.array(invitationView),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

/** The images to share an invitation: WeChat's mini-program code (null when WeChat could not make one) and a QR code of the H5 link. */
export const invitationShare = z.object({
  link: z.string(),
  linkQr: z.string(),
  wxacode: z.string().nullable(),
  wxacodeError: z.string().nullable(),
});

/** Invitation codes: 16 letters and digits without look-alikes (no 0/O, 1/I/L). */
export const INVITATION_CODE = /^[2-9A-HJKMNP-Z]{16}$/;
export const invitationCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(INVITATION_CODE, '邀请码不正确，请重新扫码或打开链接');

/** What the invitee sees before accepting. */
export const invitationPreview = z.object({
  role: z.enum(GRANT_ROLES),
  duty: z.string(),
  place: grantPlace,
  invitedBy: z.string(),
  note: z.string(),
  resource: z.object({ id: z.string(), name: z.string() }).nullable(),
  expiresAt: z.string(),
  until: z.string().nullable(),
  status: z.enum(INVITATION_STATUSES),
  /** The caller already holds this post. */
  alreadyHeld: z.boolean(),
  /** The caller is still "微信用户": accepting asks for their real name (colleagues and residents see it). */
  askName: z.boolean(),
});
export type InvitationPreview = z.infer<typeof invitationPreview>;

export const acceptInvitationBody = z.strictObject({
  code: invitationCode,
  /** Required while the account is still named 微信用户. */
  name: z.string().trim().min(2, '请填写您的真实姓名').max(20, '姓名最多 20 个字').optional(),
});

// ---------------------------------------------------------------- accounts and setup

export const disableAccountBody = z.strictObject({
  reason: z.string().trim().min(2, '请写明停用原因（至少 2 个字）').max(200, '原因最多 200 个字'),
});
export const accountState = z.object({ id: z.string(), disabled: z.boolean(), roles: z.array(z.enum(ROLES)) });

export const setupStatus = z.object({
  /** True until the first county administrator has been made with the setup code. */
  needed: z.boolean(),
});

export const SETUP_CODE = /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/;
export const claimSetupBody = z.strictObject({
  code: z.string().trim().toUpperCase().regex(SETUP_CODE, '开通码格式为 XXXX-XXXX-XXXX（见服务器启动时打印的内容）'),
  countyName: z.string().trim().min(2, '请填写县（区）的名称').max(20, '名称最多 20 个字'),
  /** The administrator's own name, replacing 微信用户. */
  name: z.string().trim().min(2, '请填写您的姓名').max(20, '姓名最多 20 个字'),
});
