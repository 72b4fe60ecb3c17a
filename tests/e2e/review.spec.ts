/** The manager's Review journey: unlock with a PIN, filter, replay, coach, read the figures, export CSV. */
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { screenshot, test, expect } from './fixtures';

test.describe('review', () => {
  test('a manager unlocks Review, filters, replays a consultation, adds a coaching note, reads the KPI charts and exports CSV', async ({ page }) => {
    await page.goto('/#/review');
    await expect(page.getByRole('heading', { name: 'Review', level: 1 })).toBeVisible();
    await expect(page.getByText('Review is for store managers')).toBeVisible();
    await screenshot(page, 'review-locked');

    // A wrong PIN is refused with the service's message; the right one unlocks.
    await page.getByRole('combobox', { name: 'Manager' }).click();
    await page.getByRole('option', { name: 'Morgan Reid' }).click();
    await page.getByLabel('PIN', { exact: true }).fill('9999');
    await page.getByRole('button', { name: 'Unlock Review' }).click();
    await expect(page.getByRole('alert')).toContainText('Wrong PIN');
    await page.getByLabel('PIN', { exact: true }).fill('1234');
    await page.getByRole('button', { name: 'Unlock Review' }).click();
    // the unlock is Review's alone: nobody became the person working at this laptop
    await expect(page.getByTestId('review-unlocked')).toContainText('Unlocked for Morgan Reid');
    await expect(page.getByTestId('who-is-working')).toHaveText('Who is working?');

    const count = page.getByTestId('review-count');
    await expect(count).toContainText(/\d+ consultations/);
    const all = Number((await count.innerText()).replace(/\D/g, ''));
    expect(all).toBeGreaterThan(10);
    await expect(page.getByTestId('consultation-row').first()).toBeVisible();
    await screenshot(page, 'review-list');

    // Filter: purchases only.
    await page.getByRole('combobox', { name: 'Outcome' }).click();
    await page.getByRole('option', { name: 'Purchased' }).click();
    await page.keyboard.press('Escape');
    await expect(async () => {
      const n = Number((await count.innerText()).replace(/\D/g, ''));
      expect(n).toBeLessThan(all);
      expect(n).toBeGreaterThan(0);
    }).toPass();
    const rows = page.getByTestId('consultation-row');
    for (let i = 0; i < Math.min(5, await rows.count()); i++) await expect(rows.nth(i)).toContainText('Purchased');
    const purchased = Number((await count.innerText()).replace(/\D/g, ''));
    await screenshot(page, 'review-filtered');

    // Replay the first one and coach on its first message.
    await rows.first().click();
    const replay = page.getByTestId('replay');
    await expect(replay).toBeVisible();
    await expect(replay.getByTestId('timeline-message').first()).toBeVisible();
    await expect(replay.getByTestId('suggestion').first()).toBeVisible();
    await replay.getByRole('button', { name: 'Coaching note' }).first().click();
    const note = `Nice opening question ${Date.now()}`;
    const form = replay.getByRole('form', { name: /Coaching note on turn/ });
    await form.getByRole('textbox').fill(note);
    await form.getByRole('button', { name: 'Save note' }).click();
    await expect(replay.getByTestId('coaching-note').filter({ hasText: note })).toBeVisible();
    await expect(replay.getByTestId('coaching-note').filter({ hasText: note })).toContainText('Morgan Reid');
    await screenshot(page, 'review-replay');
    await page.keyboard.press('Escape');
    await expect(replay).toBeHidden();

    // Figures: cards with definitions and charts; a click goes back to the consultations behind it.
    await page.getByRole('tab', { name: 'Figures' }).click();
    const cards = page.getByTestId('kpi-card');
    await expect(cards.first()).toBeVisible();
    expect(await cards.count()).toBeGreaterThanOrEqual(10);
    await expect(page.getByRole('button', { name: /^Engagement: \d/ })).toContainText('÷');
    const charts = page.getByTestId('kpi-charts');
    await expect(charts.locator('svg.recharts-surface').first()).toBeVisible();
    expect(await charts.locator('.recharts-bar-rectangle, .recharts-line-curve').count()).toBeGreaterThan(0);
    await expect(page.getByRole('table', { name: 'KPIs per associate' })).toBeVisible();
    await screenshot(page, 'review-kpis');
    await charts.scrollIntoViewIfNeeded();
    await screenshot(page, 'review-kpi-charts');
    const conversion = page.getByRole('button', { name: /^Conversion: / });
    await conversion.click();
    await expect(page.getByRole('tab', { name: 'Consultations' })).toHaveAttribute('aria-selected', 'true');
    await expect(count).toHaveText(`${purchased} consultations`);

    // Export what is shown as CSV and read the file back.
    const downloadPromise = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toMatch(/^aisle-consultations-.+\.csv$/);
    const file = await download.path();
    const csv = parse(fs.readFileSync(file!, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(csv.length).toBe(purchased);
    expect(csv.every((r) => r.outcome === 'purchased')).toBe(true);
    expect(Object.keys(csv[0]!)).toContain('suggestions_accepted');
    expect(fs.readFileSync(file!, 'utf8')).not.toMatch(/@[\w-]+\.\w+/);
    expect(csv.some((r) => Number(r.coaching_notes) > 0)).toBe(true);
  });
});
