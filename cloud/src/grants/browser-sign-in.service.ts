import { createHash, randomBytes } from 'node:crypto';
import { Config, Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import QRCode from 'qrcode';
import {
  BROWSER_SESSION_HOURS,
  LOGIN_TICKET_SECONDS,
  type LoginTicketStatus,
  type SessionResponse,
} from '@gongzhi/shared';
import type { Settings } from '../config/settings';
import { AppError } from '../core/app-error';
import { Clock } from '../core/clock';
import { Db, isDuplicateKey } from '../core/db';
import type { Principal } from '../core/principal';
import { LoginTicketCollectionModel, LoginTicketModel, type LoginTicket } from './login-ticket.model';
import { Principals } from './principals';
import { BrowserSessionModel, type BrowserSession } from './session.model';
import { SignInService } from './sign-in.service';

/** The mini-program page that confirms an H5 sign-in (scanned, or opened from the link). */
export const SCAN_LOGIN_PAGE = 'packages/account/scan-login/index';
const hash = (secret: string) => createHash('sha256').update(`gongzhi:login-ticket:${secret}`).digest('hex');

/**
 * Use cases of the H5 version's sign-in by scanning (扫码登录), without any password: create_ticket
 * (the browser), scan_ticket / confirm_ticket / cancel_ticket (the signed-in mini-program),
 * poll_ticket (the browser collects its session once); and the person's browser sessions:
 * list_sessions, end_session, sign_out.
 */
@Provide()
export class BrowserSignInService {
  @Inject()
  db!: Db;

  @Inject()
  clock!: Clock;

  @Inject()
  signIn!: SignInService;

  @Inject()
  principals!: Principals;

  @Config('gongzhi')
  settings!: Settings;

  async createTicket(userAgent: string) {
    const now = this.clock.now();
    const id = randomBytes(16).toString('base64url');
    const secret = randomBytes(32).toString('base64url');
    const ticket: LoginTicket = {
      _id: id,
      secretHash: hash(secret),
      browser: browserOf(userAgent),
      createdAt: now,
      expiresAt: new Date(now.getTime() + LOGIN_TICKET_SECONDS * 1000),
      scannedBy: null,
      scannedAt: null,
      confirmedAt: null,
      cancelledAt: null,
      sessionId: null,
    };
    await this.db.model(LoginTicketModel).create(ticket);
    const link = `${this.settings.publicUrl}/#/${SCAN_LOGIN_PAGE}?ticket=${id}`;
    const svg = await QRCode.toString(link, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
    return {
      id,
      secret,
      expiresAt: ticket.expiresAt.toISOString(),
      link,
      qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
    };
  }

  /** The browser asks how its code stands; once confirmed it gets its session, once. */
  async pollTicket(
    id: string,
    secret: string,
  ): Promise<{ status: LoginTicketStatus; session: SessionResponse | null }> {
    const ticket = await this.db.model(LoginTicketModel).findById(id).lean<LoginTicket>();
    if (!ticket || ticket.secretHash !== hash(secret)) throw new AppError('NOT_FOUND', '登录二维码已失效，请刷新');
    const status = statusOf(ticket, this.clock.now());
    if (status !== 'confirmed' || !ticket.sessionId || !ticket.scannedBy) return { status, session: null };
    try {
      await this.db.model(LoginTicketCollectionModel).create({ _id: ticket._id, at: this.clock.now() });
    } catch (err) {
      if (isDuplicateKey(err)) return { status, session: null };
      throw err;
    }
    const session = await this.db.model(BrowserSessionModel).findById(ticket.sessionId).lean<BrowserSession>();
    const hours = Math.max(0.01, (session!.expiresAt.getTime() - this.clock.now().getTime()) / 3_600_000);
    return {
      status,
      session: await this.signIn.session(String(ticket.scannedBy), { sessionId: String(ticket.sessionId), hours }),
    };
  }

  async scanTicket(user: Principal, id: string) {
    const ticket = await this.open(user, id);
    if (!ticket.scannedBy) {
      await this.db
        .model(LoginTicketModel)
        .updateOne(
          { _id: id, scannedBy: null },
          { $set: { scannedBy: new Types.ObjectId(user.userId), scannedAt: this.clock.now() } },
        );
    }
    return this.scanView({
      ...ticket,
      scannedBy: ticket.scannedBy ?? new Types.ObjectId(user.userId),
      scannedAt: ticket.scannedAt ?? this.clock.now(),
    });
  }

  /** The mini-program confirms: a browser session is made for the person who scanned. */
  async confirmTicket(user: Principal, id: string) {
    if (user.sessionId) throw new AppError('FORBIDDEN', '请在微信小程序里扫码确认，不能用网页版确认网页版登录');
    const ticket = await this.open(user, id);
    if (ticket.scannedBy && !ticket.scannedBy.equals(user.userId)) throw notFound();
    const now = this.clock.now();
    const session: BrowserSession = {
      _id: new Types.ObjectId(),
      userId: new Types.ObjectId(user.userId),
      browser: ticket.browser,
      createdAt: now,
      expiresAt: new Date(now.getTime() + BROWSER_SESSION_HOURS * 3_600_000),
      endedAt: null,
    };
    await this.db.model(BrowserSessionModel).create(session);
    await this.db.model(LoginTicketModel).updateOne(
      { _id: id, confirmedAt: null },
      {
        $set: {
          scannedBy: session.userId,
          scannedAt: ticket.scannedAt ?? now,
          confirmedAt: now,
          sessionId: session._id,
        },
      },
    );
    await this.principals.changed(user.userId);
    return this.scanView({ ...ticket, scannedBy: session.userId, confirmedAt: now, sessionId: session._id });
  }

  async cancelTicket(user: Principal, id: string) {
    const ticket = await this.open(user, id);
    const cancelledAt = this.clock.now();
    await this.db.model(LoginTicketModel).updateOne({ _id: id, confirmedAt: null }, { $set: { cancelledAt } });
    return this.scanView({ ...ticket, cancelledAt });
  }

  async listSessions(user: Principal) {
    const now = this.clock.now();
    const rows = await this.db
      .model(BrowserSessionModel)
      .find({ userId: new Types.ObjectId(user.userId), endedAt: null })
      .sort({ createdAt: -1 })
      .lean<BrowserSession[]>();
    return rows
      .filter((s) => s.expiresAt > now)
      .map((s) => ({
        id: String(s._id),
        browser: s.browser,
        signedInAt: s.createdAt.toISOString(),
        expiresAt: s.expiresAt.toISOString(),
        current: user.sessionId === String(s._id),
      }));
  }

  async endSession(user: Principal, id: string): Promise<void> {
    const session = await this.db.model(BrowserSessionModel).findById(id).lean<BrowserSession>();
    if (!session || !session.userId.equals(user.userId)) throw new AppError('NOT_FOUND', '没有找到这个登录');
    if (!session.endedAt) {
      await this.db.model(BrowserSessionModel).updateOne({ _id: session._id }, { $set: { endedAt: this.clock.now() } });
    }
    await this.principals.changed(user.userId);
  }

  /** A browser's sign-out ends its session on the server; the mini-program's token simply is forgotten. */
  async signOut(user: Principal): Promise<void> {
    if (user.sessionId) await this.endSession(user, user.sessionId);
  }

  /** A ticket that can still be scanned or confirmed. */
  private async open(user: Principal, id: string): Promise<LoginTicket> {
    const ticket = await this.db.model(LoginTicketModel).findById(id).lean<LoginTicket>();
    if (!ticket) throw notFound();
    const status = statusOf(ticket, this.clock.now());
    if (status === 'expired') throw new AppError('INVALID_TRANSITION', '二维码已过期，请在电脑上刷新后重新扫码');
    if (status === 'cancelled') throw new AppError('INVALID_TRANSITION', '这次登录已取消，请在电脑上刷新后重新扫码');
    if (status === 'confirmed')
      throw new AppError('INVALID_TRANSITION', '这个二维码已经用过了，请在电脑上刷新后重新扫码');
    if (ticket.scannedBy && !ticket.scannedBy.equals(user.userId)) throw notFound();
    return ticket;
  }

  private scanView(t: LoginTicket) {
    return {
      id: t._id,
      status: statusOf(t, this.clock.now()),
      browser: t.browser,
      createdAt: t.createdAt.toISOString(),
      expiresAt: t.expiresAt.toISOString(),
    };
  }
}

const notFound = () => new AppError('NOT_FOUND', '登录二维码已失效，请在电脑上刷新后重新扫码');

function statusOf(t: LoginTicket, now: Date): LoginTicketStatus {
  if (t.confirmedAt) return 'confirmed';
  if (t.cancelledAt) return 'cancelled';
  if (t.expiresAt <= now) return 'expired';
  return t.scannedAt ? 'scanned' : 'waiting';
}

/** "Chrome · Windows": enough for a person to recognise their own computer in the list. */
export function browserOf(userAgent: string): string {
  const ua = userAgent || '';
  const browser = /MicroMessenger/i.test(ua)
    ? '微信内置浏览器'
    : /Edg\//.test(ua)
      ? 'Edge'
      : /Firefox\//.test(ua)
        ? 'Firefox'
        : /Chrome\//.test(ua)
          ? 'Chrome'
          : /Safari\//.test(ua)
            ? 'Safari'
            : '浏览器';
  const os = /Windows/i.test(ua)
    ? 'Windows'
    : /Android/i.test(ua)
      ? 'Android'
      : /iPhone|iPad/i.test(ua)
        ? 'iOS'
        : /Mac OS X/i.test(ua)
          ? 'macOS'
          : /Linux/i.test(ua)
            ? 'Linux'
            : '';
  return os ? `${browser} · ${os}` : browser;
}
