/**
 * The workspace on the store laptops people really have: at 1366×768 four suggestion cards, each with
 * its picture, price, size/colour, stock here, first reason and actions, fit without scrolling; at
 * 1920×1080 more do. The keyboard moves between cards and likes, shortlists and rejects.
 */
import type { Locator, Page } from '@playwright/test';
import { scan, screenshot, test, expect } from './fixtures';

async function startWalkIn(page: Page): Promise<Locator> {
  await page.goto('/#/consult');
  await page.getByRole('button', { name: 'Walk-in', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Walk-in consultation' })).toBeVisible();
  const box = page.getByRole('textbox', { name: 'Message to the copilot' });
  await box.fill('waterproof jacket for hiking, usually a medium');
  await box.press('Enter');
  const cards = page.getByTestId('suggestion-card');
  await expect(cards.nth(3)).toBeVisible();
  return cards;
}

/** The element's box lies entirely inside the window and inside the (scrolling) board. */
async function fullyVisible(el: Locator, page: Page, board: Locator): Promise<boolean> {
  const b = await el.boundingBox();
  const area = await board.boundingBox();
  const vp = page.viewportSize();
  if (!b || !area || !vp) return false;
  const inside = (r: { x: number; y: number; width: number; height: number }) =>
    b.x >= r.x - 0.5 &&
    b.y >= r.y - 0.5 &&
    b.x + b.width <= r.x + r.width + 0.5 &&
    b.y + b.height <= r.y + r.height + 0.5;
  return inside({ x: 0, y: 0, width: vp.width, height: vp.height }) && inside(area);
}

test.describe('the workspace on a store laptop', () => {
  test.use({ viewport: { width: 1366, height: 768 } });

  test('1366×768: at least four cards with image, price, size, stock, first reason and actions are fully visible without scrolling', async ({
    page,
  }) => {
    const cards = await startWalkIn(page);
    const board = page.getByTestId('suggestion-board');
    expect(await cards.count()).toBeGreaterThanOrEqual(4);
    expect(await board.evaluate((el) => el.scrollTop)).toBe(0);
    for (let i = 0; i < 4; i++) {
      const card = cards.nth(i);
      const title = (await card.getByTestId('suggestion-title').innerText()).trim();
      expect(await fullyVisible(card, page, board), `card ${i + 1} (${title}) is fully visible`).toBe(true);
      for (const name of [`Like ${title}`, `Shortlist: ${title}`, `Not for them: ${title}`]) {
        expect(
          await fullyVisible(card.getByRole('button', { name, exact: true }), page, board),
          `${name} is visible`,
        ).toBe(true);
      }
      const picture = card.locator('img');
      await expect(picture).toHaveCount(1);
      expect(await fullyVisible(picture, page, board), `card ${i + 1}'s picture`).toBe(true);
      await expect(card).toContainText(/£\d/);
      await expect(card.getByTestId('stock-here')).toContainText(/\d+ here|None here/);
      await expect(card.getByTestId('suggestion-reasons').locator('li')).toHaveCount(1);
    }
    await screenshot(page, 'workspace-1366x768');
    await scan(page, 'workspace at 1366×768');

    // the other reasons and the other stores, on demand
    const first = cards.first();
    await first.getByTestId('card-more').click();
    await expect(first.getByTestId('suggestion-more')).toBeVisible();
    await expect(first.getByTestId('stock-other-stores')).toContainText(/Other stores: .+\(as of /);
    await screenshot(page, 'workspace-1366x768-more');
    await scan(page, 'workspace with a card opened');
  });

  test('arrows move between cards; L likes, S shortlists, R rejects the focused card; typing in the chat box does none of it', async ({
    page,
  }) => {
    const cards = await startWalkIn(page);
    const box = page.getByRole('textbox', { name: 'Message to the copilot' });
    // typing "l", "s", "r" into the reply box is just typing
    await box.focus();
    await page.keyboard.type('lsr');
    await expect(box).toHaveValue('lsr');
    await expect(page.locator('[data-testid="suggestion-card"] button[aria-pressed="true"]')).toHaveCount(0);
    await box.fill('');

    const first = cards.nth(0);
    const second = cards.nth(1);
    await first.focus();
    await expect(first).toHaveAttribute('tabindex', '0');
    await page.keyboard.press('ArrowRight');
    await expect(second).toBeFocused();
    await expect(second).toHaveAttribute('tabindex', '0');
    await expect(first).toHaveAttribute('tabindex', '-1');
    const t2 = (await second.getByTestId('suggestion-title').innerText()).trim();
    await page.keyboard.press('l');
    await expect(second.getByRole('button', { name: `Like ${t2}`, exact: true })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await page.keyboard.press('s');
    await expect(second.getByRole('button', { name: `Shortlisted: ${t2}` })).toBeVisible();
    await expect(page.getByTestId('shortlist-item')).toContainText(t2);
    // down one row: two cards a row at this width
    await page.keyboard.press('ArrowDown');
    const fourth = cards.nth(3);
    await expect(fourth).toBeFocused();
    await page.keyboard.press('r');
    await expect(fourth).toContainText('Not for them');
    await page.keyboard.press('ArrowLeft');
    await expect(cards.nth(2)).toBeFocused();
    await screenshot(page, 'workspace-keyboard');
  });

  test('1920×1080: more cards fit, still fully visible', async ({ page }) => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    const cards = await startWalkIn(page);
    const board = page.getByTestId('suggestion-board');
    const n = Math.min(await cards.count(), 6);
    expect(n).toBeGreaterThanOrEqual(4);
    for (let i = 0; i < n; i++) expect(await fullyVisible(cards.nth(i), page, board), `card ${i + 1}`).toBe(true);
    await screenshot(page, 'workspace-1920x1080');
    await scan(page, 'workspace at 1920×1080');
  });
});
