import { Controller, Inject } from '@midwayjs/core';
import { api } from '@gongzhi/shared';
import { Handle, type Call } from '../core/handle';
import { certificatePage } from './certificate-page';
import { CertificatesService } from './certificates.service';
import { HoursService } from './hours.service';

const h = api.hours;

/** 服务记录: my hours and star, corrections, star thresholds, certificates and their public check. */
@Controller('/')
export class HoursController {
  @Inject()
  hours!: HoursService;

  @Inject()
  certificates!: CertificatesService;

  @Handle(h.getMyHours)
  async getMyHours({ user, query }: Call<typeof h.getMyHours>) {
    return this.hours.showMyHours(user, query.page, query.pageSize);
  }

  @Handle(h.correctServiceRecord)
  async correctServiceRecord({ user, params, body, keyedId }: Call<typeof h.correctServiceRecord>) {
    return this.hours.correctRecord(user, params.id, body, keyedId);
  }

  @Handle(h.getStarThresholds)
  async getStarThresholds({ user, query }: Call<typeof h.getStarThresholds>) {
    return this.hours.showThresholds(user, query.orgId);
  }

  @Handle(h.setStarThresholds)
  async setStarThresholds({ user, params, body }: Call<typeof h.setStarThresholds>) {
    return this.hours.setThresholds(user, params.orgId, body.thresholds);
  }

  @Handle(h.issueCertificate)
  async issueCertificate({ user }: Call<typeof h.issueCertificate>) {
    return this.certificates.issue(user);
  }

  @Handle(h.downloadCertificate)
  async downloadCertificate({ user, params, ctx }: Call<typeof h.downloadCertificate>) {
    const { file, name } = await this.certificates.pdf(user, params.code, ctx.origin);
    ctx.type = 'application/pdf';
    // ASCII fallback first; filename* carries the Chinese name (RFC 6266 / 5987).
    ctx.set(
      'Content-Disposition',
      `attachment; filename="certificate-${params.code}.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`,
    );
    ctx.set('Cache-Control', 'private, no-store');
    return file;
  }

  @Handle(h.checkCertificate)
  async checkCertificate({ params }: Call<typeof h.checkCertificate>) {
    return this.certificates.check(params.code);
  }

  /** The certificate's QR code opens this: the check as a page, with nothing loaded from elsewhere. */
  @Handle(h.showCertificatePage)
  async showCertificatePage({ params, ctx }: Call<typeof h.showCertificatePage>) {
    const page = certificatePage(await this.certificates.check(params.code));
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
    ctx.set('X-Content-Type-Options', 'nosniff');
    return page;
  }
}
