import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
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

/** Waits until a page-transition animation has finished: the element sits still at the left edge. */
export async function settled(locator: Locator): Promise<void> {
  let last = '';
  for (let i = 0; i < 50; i++) {
    const box = await locator.boundingBox();
    const now = box ? `${Math.round(box.x)},${Math.round(box.y)}` : '';
    if (box && box.x >= 0 && box.x < 40 && now === last) return;
    last = now;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the page did not settle');
}
