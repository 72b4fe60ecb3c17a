/** The manager's Review journey: unlock with a PIN, filter, replay, coach, read the figures, export CSV. */
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { screenshot, test, expect } from './fixtures';

test.describe('review', () => {
  test('a manager unlocks Review, filters, replays a consultation, adds a coaching note, reads the KPI charts and exports CSV', async ({
    page,
  }) => {
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
    await page.getByRole('option', { name: 'They bought' }).click();
    await page.keyboard.press('Escape');
    await expect(async () => {
      const n = Number((await count.innerText()).replace(/\D/g, ''));
      expect(n).toBeLessThan(all);
      expect(n).toBeGreaterThan(0);
    }).toPass();
    const rows = page.getByTestId('consultation-row');
    for (let i = 0; i < Math.min(5, await rows.count()); i++) await expect(rows.nth(i)).toContainText('They bought');
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
    await expect(page.getByRole('button', { name: /^Engagement: \d/ })).toBeVisible();
    const engagementCard = cards.filter({ has: page.getByRole('button', { name: /^Engagement: \d/ }) });
    await expect(engagementCard).toContainText('How often the copilot was used');
    await engagementCard.getByRole('button', { name: 'How is this computed?' }).click();
    const formula = page.getByRole('dialog').filter({ hasText: '÷' });
    await expect(formula).toBeVisible();
    await engagementCard.getByRole('button', { name: 'How is this computed?' }).click();
    await expect(formula).toBeHidden();
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
    const csv = parse<Record<string, string>>(fs.readFileSync(file, 'utf8'), { columns: true });
    expect(csv.length).toBe(purchased);
    expect(csv.every((r) => r.outcome === 'purchased')).toBe(true);
    expect(Object.keys(csv[0]!)).toContain('suggestions_accepted');
    expect(fs.readFileSync(file, 'utf8')).not.toMatch(/@[\w-]+\.\w+/);
    expect(csv.some((r) => Number(r.coaching_notes) > 0)).toBe(true);
  });

  test('the replay and the figures read as a manager says them: no JSON, no internal ids, empty days as gaps', async ({
    page,
  }) => {
    await page.goto('/#/review');
    await page.getByRole('combobox', { name: 'Manager' }).click();
    await page.getByRole('option', { name: 'Morgan Reid' }).click();
    await page.getByLabel('PIN', { exact: true }).fill('1234');
    await page.getByRole('button', { name: 'Unlock Review' }).click();
    await expect(page.getByTestId('review-unlocked')).toContainText('Unlocked for Morgan Reid');

    // a purchase by a known customer: customer context, events, understood chips and a basket
    await page.getByRole('search').getByText('Known', { exact: true }).click();
    await page.getByRole('combobox', { name: 'Outcome' }).click();
    await page.getByRole('option', { name: 'They bought' }).click();
    await page.keyboard.press('Escape');
    const rows = page.getByTestId('consultation-row');
    await expect(rows.first()).toContainText('They bought');
    await rows.first().click();
    const replay = page.getByTestId('replay');
    await expect(replay.getByTestId('timeline-message').first()).toBeVisible();
    await expect(replay.getByTestId('customer-context')).toContainText('What the copilot knew about the customer');
    await expect(replay.getByTestId('understood').first()).toBeVisible();
    await expect(replay).toContainText(/Ended: They bought · .+ · \d+ units?/);
    const text = await replay.innerText();
    const html = await replay.innerHTML();
    expect(text).not.toContain('{"');
    expect(html).not.toContain('{&quot;');
    expect(text).not.toMatch(/turnId|associateId|categories:|\["/);
    // associate ids look like "s1-priya" or "s1-mgr-morgan": none in the text or the markup
    expect(text).not.toMatch(/\bs\d+-[a-z]/);
    expect(html).not.toMatch(/\bs\d+-(?:mgr-)?[a-z]+\b/);
    expect(text).not.toMatch(/\b1 units\b|UNITS|PURCHASED|ABANDONED/);
    await screenshot(page, 'review-replay-plain');
    await page.keyboard.press('Escape');

    // one associate's figures: the days they had no consultation are gaps in the rate lines
    await page.getByRole('search').getByText('All', { exact: true }).click();
    await page.getByRole('combobox', { name: 'Associate' }).click();
    await page.getByRole('option', { name: 'Priya Shah' }).click();
    await page.getByRole('tab', { name: 'Figures' }).click();
    const rates = page.getByTestId('rates-chart');
    await expect(rates.locator('.recharts-line-curve').first()).toHaveAttribute('d', /^M/);
    const empty = new Set((await rates.getAttribute('data-empty-buckets'))?.split(' ').filter(Boolean) ?? []);
    const all = (await page.getByTestId('kpi-charts').getAttribute('data-buckets'))?.split(' ') ?? [];
    const worked = all.filter((b) => !empty.has(b));
    const interior = [...empty].filter((b) => b > (worked[0] ?? '') && b < (worked.at(-1) ?? ''));
    expect(interior.length, 'one associate over four weeks has days without a consultation').toBeGreaterThan(0);
    // a gap is a second "M" (move) in the line's path: the line is lifted over the empty day, not drawn to 0
    const path = (await rates.locator('.recharts-line-curve').first().getAttribute('d')) ?? '';
    expect(path.match(/M/g)?.length ?? 0).toBeGreaterThan(1);
    await rates.scrollIntoViewIfNeeded();
    await screenshot(page, 'review-kpi-gaps');
  });
});
