/**
 * The e2e test fixture: every test fails if the page logs a console error, throws, or gets a 4xx/5xx
 * response, and screenshots go to test-results/screenshots (outside Playwright's wiped outputDir).
 */
import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';

export const SCREENSHOT_DIR = path.resolve('test-results/screenshots');

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // a drawer or modal still sliding in would be captured half-transparent over the page behind it;
  // endless ones (spinners, progress stripes) never finish and are not waited for
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity),
  );
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
}

/** sessionStorage key the app sets once it has asked "who is working" at start (features/auth/WhoIsWorking.tsx) */
const ASKED_AT_START = 'aisle.whoIsWorkingAsked';

export const test = base.extend<{ pageProblems: string[]; askWhoIsWorking: boolean }>({
  /** false: the start-of-shift prompt counts as answered, so journeys that are not about it start on their screen */
  askWhoIsWorking: [false, { option: true }],
  page: async ({ page, askWhoIsWorking }, use) => {
    if (!askWhoIsWorking) await page.addInitScript((key) => sessionStorage.setItem(key, '1'), ASKED_AT_START);
    await use(page);
  },
  pageProblems: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
      page.on('response', (r) => {
        if (r.status() >= 400) problems.push(`HTTP ${r.status()} ${r.url()}`);
      });
      await use(problems);
      expect(problems, 'the page logged errors or got failing responses').toEqual([]);
    },
    { auto: true },
  ],
});

/** An axe scan of what is on screen: fails on serious or critical violations, naming the first few nodes. */
export async function scan(page: Page, name: string): Promise<void> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const summary = bad.map(
    (v) =>
      `${v.impact} ${v.id}: ${v.help}\n    ${v.nodes
        .slice(0, 4)
        .map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1, 2).join(' ')}`)
        .join('\n    ')}`,
  );
  expect(summary, `${name}: serious or critical accessibility violations`).toEqual([]);
}

export { expect };
