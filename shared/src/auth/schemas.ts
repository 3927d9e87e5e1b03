import { z } from '../validation';
import { ROLES } from '../roles';
import { orgRef } from '../org/refs';
import { myPost } from '../grants/schemas';

/** The name a WeChat account starts with, until the person gives theirs (joining a post asks for it). */
export const PLACEHOLDER_NAME = '微信用户';

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
  /** The posts the person holds by grant (授权), most senior first. */
  posts: z.array(myPost),
  /** Where the person lives, as they chose it; null until they join a community. */
  home: z
    .object({
      community: z.object({ id: z.string(), name: z.string() }),
      complex: z.object({ id: z.string(), name: z.string() }).nullable(),
      building: z.object({ id: z.string(), name: z.string() }).nullable(),
    })
    .nullable(),
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

// ---------------------------------------------------------------- H5 sign-in by scanning (扫码登录)

/** How long a sign-in QR code on the H5 login page may be scanned and confirmed. */
export const LOGIN_TICKET_SECONDS = 120;
/** Browser sessions signed in by scanning last this long (the mini-program's own sign-in lasts longer). */
export const BROWSER_SESSION_HOURS = 12;

export const LOGIN_TICKET_STATUSES = ['waiting', 'scanned', 'confirmed', 'cancelled', 'expired'] as const;
export type LoginTicketStatus = (typeof LOGIN_TICKET_STATUSES)[number];

export const loginTicket = z.object({
  id: z.string(),
  /** Only the browser that asked knows it: it collects the session with it. */
  secret: z.string(),
  expiresAt: z.string(),
  /** What the QR code encodes: a link that the mini-program opens (or scans) to confirm. */
  link: z.string(),
  /** The QR code as an SVG data URL. */
  qr: z.string(),
});
export const loginTicketSecret = z.strictObject({
  secret: z.string().regex(/^[A-Za-z0-9_-]{32,64}$/, '登录二维码已失效，请刷新'),
});
export const loginTicketState = z.object({
  status: z.enum(LOGIN_TICKET_STATUSES),
  /** Once confirmed, and only to the browser holding the secret, once. */
  session: sessionResponse.nullable(),
});
/** What the person scanning sees before confirming: which browser asks to sign in as them. */
export const loginTicketScan = z.object({
  id: z.string(),
  status: z.enum(LOGIN_TICKET_STATUSES),
  browser: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
});

export const browserSession = z.object({
  id: z.string(),
  browser: z.string(),
  signedInAt: z.string(),
  expiresAt: z.string(),
  /** This request comes from it. */
  current: z.boolean(),
});
export const browserSessionList = z.object({ items: z.array(browserSession) });
