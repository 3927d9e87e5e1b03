import { chinaDateTime, minutesWords, type CertificateCheck } from '@gongzhi/shared';

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The page a certificate's QR code opens: a phone's camera or WeChat shows it as it is, so it is
 * a whole page in plain words (no script, no outside files), not the JSON of the check.
 */
export function certificatePage(check: CertificateCheck): string {
  const c = check.certifies;
  const rows = c
    ? [
        ['志愿者', c.volunteerName],
        ['累计服务时长', minutesWords(c.totalMinutes)],
        ['服务记录', `${c.recordCount} 次`],
        ['星级', c.star],
        ['出具单位', c.issuer],
        ['出具时间', chinaDateTime(c.issuedAt)],
        ['证明编号', check.code],
      ]
    : [['证明编号', check.code]];
  const verdict = check.valid
    ? '<div class="ok">✓ 证明有效</div><p>这份志愿服务记录证明由本系统出具，内容如下。</p>'
    : '<div class="bad">✗ 没有查到这份证明</div><p>编号不正确，或证明不是本系统出具的。请核对纸面上的编号，或向出具证明的社区核实。</p>';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>志愿服务记录证明查验</title>
<style>
body{margin:0;background:#f7f3f0;font:17px/1.6 -apple-system,"PingFang SC","Microsoft YaHei",sans-serif;color:#2b2420}
main{max-width:480px;margin:0 auto;padding:24px 16px}
h1{font-size:20px;margin:0 0 16px}
.card{background:#fff;border-radius:12px;padding:20px;box-shadow:0 2px 8px rgba(120,60,30,.08)}
.ok,.bad{font-size:22px;font-weight:700;margin-bottom:4px}.ok{color:#1f8a55}.bad{color:#c8261c}
p{margin:0 0 12px;color:#6b625d}
dl{margin:0}div.row{display:flex;justify-content:space-between;gap:12px;padding:10px 0;border-top:1px solid #f1ece8}
dt{color:#7a7470}dd{margin:0;text-align:right;font-weight:600;word-break:break-all}
</style></head><body><main>
<h1>志愿服务记录证明查验</h1>
<div class="card">${verdict}
<dl>${rows.map(([k, v]) => `<div class="row"><dt>${escape(k)}</dt><dd>${escape(v)}</dd></div>`).join('')}</dl>
</div></main></body></html>`;
}
