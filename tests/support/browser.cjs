// Finds Debian's Chromium and a CJK font for the end-to-end tests, and says how to install them.
const { execFileSync } = require('node:child_process');
const { existsSync } = require('node:fs');

function chromiumPath() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  return candidates.find((p) => existsSync(p)) ?? null;
}

function hasCjkFont() {
  try {
    return execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' }).trim().length > 0;
  } catch {
    return false;
  }
}

/** The app's icons are emoji (as WeChat draws them on phones); without an emoji font they show as boxes. */
function hasEmojiFont() {
  try {
    return execFileSync('fc-list', [':charset=1f4cb', 'family'], { encoding: 'utf8' }).trim().length > 0;
  } catch {
    return false;
  }
}

/** Human-readable list of what is missing, each with the command that installs it. */
function missingBrowserParts() {
  const missing = [];
  if (!chromiumPath())
    missing.push('Chromium 浏览器：sudo apt-get update && sudo apt-get install -y chromium（或设置 CHROMIUM_PATH）');
  if (!hasCjkFont()) missing.push('中文字体（否则截图中文显示为方框）：sudo apt-get install -y fonts-wqy-microhei');
  if (!hasEmojiFont())
    missing.push('彩色表情字体（否则截图中的图标显示为方框）：sudo apt-get install -y fonts-noto-color-emoji');
  return missing;
}

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

module.exports = { chromiumPath, hasCjkFont, hasEmojiFont, missingBrowserParts, CHROMIUM_ARGS };
