import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { AppError } from '../core/app-error';

export interface CjkFont {
  file: string;
  /** The face inside a .ttc collection (its PostScript name); null for a single-face file. */
  face: string | null;
}

let found: CjkFont | null = null;

/**
 * A font with Chinese glyphs for the certificate: `CERT_FONT` (a .ttf/.otf, or `file.ttc#PostScriptName`)
 * or whatever fontconfig knows for Chinese, WenQuanYi Micro Hei first (Debian fonts-wqy-microhei).
 * Without one the PDF would print boxes, so issuing fails with a message naming the fix.
 */
export function cjkFont(): CjkFont {
  if (found) return found;
  const configured = process.env.CERT_FONT;
  if (configured) {
    const [file, face] = configured.split('#');
    if (!fs.existsSync(file)) throw missing(`CERT_FONT 指向的字体文件不存在：${file}`);
    return (found = { file, face: face || null });
  }
  let listing = '';
  try {
    listing = execFileSync('fc-list', [':lang=zh', 'file', 'postscriptname'], { encoding: 'utf8', timeout: 5000 });
  } catch {
    throw missing('找不到 fc-list（fontconfig）');
  }
  const faces = listing
    .split('\n')
    .map((line) => /^(.+?):\s*:?postscriptname=(.+)$/.exec(line.trim()))
    .filter((m): m is RegExpExecArray => !!m)
    .map((m) => ({ file: m[1], face: m[2] }))
    .filter((f) => fs.existsSync(f.file) && /\.(ttf|otf|ttc)$/i.test(f.file));
  const best = faces.find((f) => f.face === 'WenQuanYiMicroHei') ?? faces[0];
  if (!best) throw missing('系统中没有中文字体');
  return (found = { file: best.file, face: /\.ttc$/i.test(best.file) ? best.face : null });
}

function missing(why: string): AppError {
  return new AppError(
    'INTERNAL',
    `无法生成证明：${why}。请安装中文字体（sudo apt-get install -y fonts-wqy-microhei）或设置 CERT_FONT`,
  );
}
