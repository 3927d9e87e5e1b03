import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { Certificate } from './hours.model';
import { cjkFont } from './certificate-font';
import { localDateOf } from '@gongzhi/shared';

const RED = '#B8231A';
const INK = '#2B2521';
const GREY = '#7A7470';

const hours = (minutes: number) => (Math.round((minutes / 60) * 10) / 10).toFixed(1);

function chinaDate(d: Date): string {
  const [y, m, day] = localDateOf(d).split('-').map(Number);
  return `${y}年${m}月${day}日`;
}

/**
 * The certificate as an A4 PDF: who, how many hours and what star, every record line, the issuing
 * community, the issue date, and the check code (printed and as a QR code of the check address).
 */
export async function certificatePdf(cert: Certificate, checkUrl: string): Promise<Buffer> {
  const font = cjkFont();
  const qr = await QRCode.toBuffer(checkUrl, { type: 'png', margin: 1, width: 240, errorCorrectionLevel: 'M' });
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 56, left: 56, right: 56 },
    info: {
      Title: '志愿服务记录证明',
      Author: cert.issuerName,
      Subject: `Volunteer service record certificate ${cert._id}`,
      Keywords: cert._id,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  if (font.face) doc.registerFont('cjk', font.file, font.face);
  else doc.registerFont('cjk', font.file);
  doc.font('cjk');
  const width = doc.page.width - 112;

  doc.fillColor(RED).fontSize(24).text('志愿服务记录证明', { align: 'center', characterSpacing: 4 });
  doc.moveDown(0.3).fillColor(GREY).fontSize(10).text(`证明编号：${cert._id}`, { align: 'center' });
  doc.fillColor(INK);
  doc.moveDown(1.2).fillColor(INK).fontSize(13);
  doc.text(
    `兹证明 ${cert.personName} 参加志愿服务，经活动组织方逐次确认，截至 ${chinaDate(cert.issuedAt)}，` +
      `累计志愿服务时长 ${hours(cert.totalMinutes)} 小时（共 ${cert.lines.length} 次），星级：${cert.star}。`,
    { lineGap: 6, indent: 26 },
  );
  doc.moveDown(1);

  // The record lines: date, activity, organising community, hours.
  const cols = [88, width - 88 - 110 - 60, 110, 60];
  const header = ['服务日期', '活动', '组织方', '时长(小时)'];
  const row = (cells: string[], color: string, size: number) => {
    if (doc.y > doc.page.height - 140) doc.addPage();
    const y = doc.y;
    let x = 56;
    let bottom = y;
    doc.fillColor(color).fontSize(size);
    cells.forEach((cell, i) => {
      doc.text(cell, x, y, { width: cols[i] - 6, align: i === 3 ? 'right' : 'left' });
      bottom = Math.max(bottom, doc.y);
      x += cols[i];
    });
    doc.x = 56;
    doc.y = bottom + 4;
    doc
      .moveTo(56, doc.y - 2)
      .lineTo(56 + width, doc.y - 2)
      .lineWidth(0.5)
      .strokeColor('#E4DDD8')
      .stroke();
  };
  row(header, GREY, 10);
  for (const line of cert.lines) row([line.date, line.title, line.organiser, hours(line.minutes)], INK, 10.5);
  if (cert.lines.length === 0) row(['—', '暂无已确认的服务记录', '—', '0.0'], GREY, 10.5);

  if (doc.y > doc.page.height - 220) doc.addPage();
  doc.moveDown(1.5);
  const top = doc.y;
  doc.image(qr, 56, top, { width: 96 });
  doc
    .fillColor(GREY)
    .fontSize(9.5)
    .text('扫描二维码或访问下列地址查验本证明：', 164, top + 4, { width: 200 })
    .text(checkUrl, 164, doc.y + 2, { width: 200 })
    .text('查验编号：', 164, doc.y + 4, { width: 200, continued: true })
    // The code in a plain Latin font: unambiguous to read out, and searchable in the PDF's text.
    .font('Courier-Bold')
    .fillColor(INK)
    .text(cert._id)
    .font('cjk');
  doc
    .fillColor(INK)
    .fontSize(12)
    .text(`出具单位：${cert.issuerName}`, 380, top + 20, { width: width - 324, align: 'right' })
    .text(`出具日期：${chinaDate(cert.issuedAt)}`, 380, doc.y + 8, { width: width - 324, align: 'right' });
  doc
    .fillColor(GREY)
    .fontSize(8.5)
    .text('本证明依据志愿服务记录出具，服务时长由活动组织方确认；如有更正，以更正后的记录为准。', 56, top + 116, {
      width,
      align: 'center',
    });
  doc.end();
  return done;
}
