import { randomBytes } from 'node:crypto';
import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import { maskName, starOf, type CertificateCheck, localDateOf } from '@gongzhi/shared';
import { AppError } from '../core/app-error';
import { Clock } from '../core/clock';
import { Db, isDuplicateKey } from '../core/db';
import type { Principal } from '../core/principal';
import { OrgModel, type Org } from '../org/org.model';
import { certificatePdf } from './certificate-pdf';
import { CertificateModel, type Certificate } from './hours.model';
import { HoursService } from './hours.service';

/** Crockford base32 without I, L, O, U: nothing to misread when typed from paper. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function newCode(): string {
  return [...randomBytes(12)].map((b) => ALPHABET[b % 32]).join('');
}

/** Use cases of certificates: issue_certificate, render it as a PDF, check_certificate (public). */
@Provide()
export class CertificatesService {
  @Inject()
  db!: Db;

  @Inject()
  clock!: Clock;

  @Inject()
  hours!: HoursService;

  /** Freezes the caller's records into a certificate issued by their community, under a fresh code. */
  async issue(user: Principal) {
    if (!user.communityId) throw new AppError('CONFLICT', '您还没有加入社区，无法由社区出具证明');
    const personId = new Types.ObjectId(user.userId);
    const [community, records, { thresholds }] = await Promise.all([
      this.db.model(OrgModel).findById(user.communityId).lean<Org>(),
      this.hours.effectiveRecords(personId),
      this.hours.thresholdsFor(user.communityId),
    ]);
    if (!community) throw new AppError('NOT_FOUND', '没有找到您的账号或社区');
    const confirmed = records.filter((r) => r.minutes > 0);
    const totalMinutes = confirmed.reduce((n, r) => n + r.minutes, 0);
    const base = {
      personId,
      personName: user.name,
      issuerId: community._id,
      issuerName: community.name,
      totalMinutes,
      star: starOf(totalMinutes, thresholds).name,
      // Oldest first on paper, as a record book reads.
      lines: [...confirmed].reverse().map((r) => ({
        date: localDateOf(r.shift?.start ?? r.record.confirmedAt),
        title: r.activity?.title ?? '（活动已删除）',
        organiser: r.community?.name ?? '',
        minutes: r.minutes,
      })),
      issuedAt: this.clock.now(),
    };
    for (let attempt = 0; attempt < 5; attempt++) {
      const code = newCode();
      try {
        await this.db.model(CertificateModel).create({ _id: code, ...base });
        return {
          code,
          pdfPath: `/api/v1/me/certificates/${code}/pdf`,
          verifyPath: `/api/v1/certificates/${code}`,
          issuedAt: base.issuedAt.toISOString(),
        };
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
    }
    throw new AppError('CONFLICT', '请稍后再试');
  }

  /** The PDF of one of the caller's own certificates. */
  async pdf(user: Principal, code: string, origin: string): Promise<{ file: Buffer; name: string }> {
    const cert = await this.db.model(CertificateModel).findById(code).lean<Certificate>();
    if (!cert || String(cert.personId) !== user.userId) throw new AppError('NOT_FOUND', '没有找到这份证明');
    // The QR code opens a page a person reads (showCertificatePage), not the JSON of the check.
    const file = await certificatePdf(cert, `${origin}/api/v1/certificates/${cert._id}/page`);
    return { file, name: `志愿服务记录证明-${cert.personName}-${cert._id}.pdf` };
  }

  /** Public: whether a code was issued here, and what it certifies (the name masked). */
  async check(code: string): Promise<CertificateCheck> {
    const cert = await this.db.model(CertificateModel).findById(code).lean<Certificate>();
    if (!cert) return { valid: false, code, certifies: null };
    return {
      valid: true,
      code,
      certifies: {
        volunteerName: maskName(cert.personName),
        issuer: cert.issuerName,
        totalMinutes: cert.totalMinutes,
        recordCount: cert.lines.length,
        star: cert.star,
        issuedAt: cert.issuedAt.toISOString(),
      },
    };
  }
}
