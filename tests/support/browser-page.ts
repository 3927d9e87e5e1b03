import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT } from './api-process';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { chromiumPath, CHROMIUM_ARGS } = require('./browser.cjs');

export interface Phone {
  browser: Browser;
  page: Page;
  /** Saves a screenshot under tests/.artifacts/screenshots/<scenario>/<step>.png. */
  shot: (step: string) => Promise<string>;
  close: () => Promise<void>;
}

/** A headless Chromium sized like a phone (375×812 at 2×), for one scenario. */
export async function openPhone(scenario: string, width = 375): Promise<Phone> {
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  const context = await browser.newContext({
    viewport: { width, height: 812 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
  });
  const page = await context.newPage();
  const dir = path.join(ROOT, 'tests', '.artifacts', 'screenshots', scenario);
  fs.mkdirSync(dir, { recursive: true });
  return {
    browser,
    page,
    async shot(step) {
      const file = path.join(dir, `${step}.png`);
      await page.screenshot({ path: file });
      return file;
    },
    close: () => browser.close(),
  };
}
