import { z } from '../validation';
import { ROLES } from '../roles';
import { orgRef } from '../org';

export const devLoginBody = z.strictObject({
  account: z.string().min(1, '请选择演示账号').max(40),
});

export const wxLoginBody = z.strictObject({
  /** The code from wx.login; valid for five minutes and once only. */
  code: z.string().min(1, '缺少登录凭证').max(128),
});

export const sessionUser = z.object({
  id: z.string(),
  name: z.string(),
  roles: z.array(z.enum(ROLES)),
  /** Masked by the server, e.g. 138****0001. */
  phone: z.string().nullable(),
  org: orgRef.nullable(),
  community: z.object({ id: z.string(), name: z.string() }).nullable(),
});
export type SessionUser = z.infer<typeof sessionUser>;

export const sessionResponse = z.object({
  token: z.string(),
  expiresAt: z.string(),
  user: sessionUser,
});
export type SessionResponse = z.infer<typeof sessionResponse>;

export const demoAccount = z.object({
  account: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  roleLabel: z.string(),
  orgName: z.string(),
});
export type DemoAccount = z.infer<typeof demoAccount>;
export const demoAccountsResponse = z.object({ accounts: z.array(demoAccount) });
