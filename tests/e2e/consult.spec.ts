/**
 * The consultation journeys, through the real pipeline: the local engine answers inside the call and
 * an LLM (the scripted OpenAI-compatible server from tests/support, configured into a second
 * `aisle serve` by playwright.config.ts) streams its reply afterwards as events.
 */
import type { Locator, Page } from '@playwright/test';
import { screenshot, test, expect } from './fixtures';

const LLM_APP = process.env.E2E_LLM_APP_URL!;

/** "£149.99" → 14999 (minor units), so totals can be checked without float error. */
function pence(text: string): number {
  const m = /£\s?([\d,]+)\.(\d\d)/.exec(text);
  if (!m) throw new Error(`no price in "${text}"`);
  return Number(m[1]!.replace(/,/g, '')) * 100 + Number(m[2]);
}

async function cardPrice(card: Locator): Promise<number> {
  // the first price on the card is what the till charges now (a struck-through regular price follows)
  return pence(await card.locator('p', { hasText: '£' }).first().innerText());
}

async function titleOf(card: Locator): Promise<string> {
  return (await card.getByTestId('suggestion-title').innerText()).trim();
}

async function waitForStreamingText(page: Page, minChars: number): Promise<void> {
  const live = page.getByTestId('streaming-reply');
  await expect(live).toBeVisible();
  await expect(async () => {
    const t = await live.locator('p').last().innerText();
    expect(t.length).toBeGreaterThan(minChars);
  }).toPass({ timeout: 15_000 });
}

test.describe('consultation', () => {
  test('a customer consultation: grounded cards with reasons, stop a streaming reply, like, reject, shortlist, buy, find the record', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await page.goto(`${LLM_APP}/#/`);
    // "#/" lands on Consult; the header says the LLM answers (with the local engine as fallback)
    await expect(page.getByRole('heading', { name: 'Consult', level: 1 })).toBeVisible();
    await expect(page.getByLabel(/^Copilot: test-llm\./)).toBeVisible();

    // Find the customer by typing; Enter on the search box starts the consultation with the first match.
    const find = page.getByRole('textbox', { name: /Find a customer/ });
    await expect(find).toBeFocused();
    await find.fill('Kowalski');
    await expect(page.getByTestId('customer-result').first()).toContainText('Kowalski');
    await find.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: /^Consultation with .+ K\.$/ })).toBeVisible();
    await expect(page).toHaveURL(/#\/consult\?c=c-/);
    await expect(page.getByTestId('customer-strip')).toContainText('Kowalski');

    // The request: Enter sends. The local engine answers first with real products and reasons.
    const box = page.getByRole('textbox', { name: 'Message to the copilot' });
    await expect(box).toBeFocused();
    await box.fill('waterproof jacket for hiking, around £150, usually a medium');
    await box.press('Enter');
    await expect(page.getByTestId('associate-message').first()).toHaveText(
      'waterproof jacket for hiking, around £150, usually a medium',
    );
    const cards = page.getByTestId('suggestion-card');
    await expect(cards.first()).toBeVisible();
    expect(await cards.count()).toBeGreaterThanOrEqual(3);
    const local = page.getByTestId('assistant-message').first();
    await expect(local.getByTestId('reply-engine')).toHaveText('Local engine');
    for (const card of await cards.all()) {
      await expect(card.getByTestId('suggestion-reasons').locator('li').first()).not.toBeEmpty();
      await expect(card.getByTestId('stock-here')).toContainText(/\d+ here|None here/);
    }
    await expect(cards.first().getByTestId('suggestion-reasons')).toContainText(/in stock here/i);
    // the other stores' stock is one click away on the compact card
    await cards.first().getByTestId('card-more').click();
    await expect(cards.first().getByTestId('stock-other-stores')).toContainText(/Other stores: .+\(as of /);
    await cards.first().getByTestId('card-more').click();

    // The LLM streams its reply after the cards; stop it mid-stream and the partial reply is kept.
    await waitForStreamingText(page, 30);
    await expect(page.getByTestId('streaming-reply').getByTestId('reply-engine')).toContainText('test-llm');
    await screenshot(page, 'consult-streaming');
    await page.getByRole('button', { name: 'Stop the reply (Esc)' }).click();
    const stopped = page.locator('[data-testid="assistant-message"][data-engine="llm"]');
    await expect(stopped).toHaveAttribute('data-status', 'stopped');
    await expect(stopped.getByTestId('reply-stopped')).toBeVisible();
    const partial = await stopped.locator('p').first().innerText();
    expect(partial.length).toBeGreaterThan(10);
    expect(partial).not.toContain('a heavier fabric lasts longer'); // the end of the scripted reply never came
    await expect(page.getByTestId('streaming-reply')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Send to the copilot (Enter)' })).toBeVisible();

    // Back on the local engine's cards: like one, reject one for fit, shortlist two.
    // (when the stop came before the LLM named a product, the local cards never left the screen)
    const showLocal = local.getByRole('button', { name: /^Show its \d+ suggestions?/ });
    if (await showLocal.isVisible()) await showLocal.click();
    await expect(local).toContainText(/suggestions? shown on the right/);
    const first = cards.nth(0);
    const second = cards.nth(1);
    const third = cards.nth(2);
    const [t1, t2, t3] = [await titleOf(first), await titleOf(second), await titleOf(third)];
    await first.getByRole('button', { name: `Like ${t1}`, exact: true }).click();
    await expect(first.getByRole('button', { name: `Like ${t1}`, exact: true })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await first.getByRole('button', { name: `Shown to customer: ${t1}` }).click();
    await expect(first.getByRole('button', { name: `Shown to customer: ${t1}` })).toHaveAttribute(
      'aria-pressed',
      'true',
    );

    await second.getByRole('button', { name: `Not for them: ${t2}` }).click();
    await page.getByRole('menuitem', { name: 'Fit' }).click();
    await expect(second).toContainText('Not for them · fit');

    await first.getByRole('button', { name: `Shortlist: ${t1}` }).click();
    await expect(first.getByRole('button', { name: `Shortlisted: ${t1}` })).toBeVisible();
    await third.getByRole('button', { name: `Shortlist: ${t3}` }).click();
    const shortlist = page.getByTestId('shortlist');
    await expect(shortlist.getByTestId('shortlist-item')).toHaveCount(2);
    const expected = (await cardPrice(first)) + (await cardPrice(third));
    await expect(async () =>
      expect(pence(await shortlist.getByTestId('shortlist-total').innerText())).toBe(expected),
    ).toPass();
    await screenshot(page, 'consult-cards-actions');

    // "More like this" on a card: a new local reply with similar products, each saying why.
    await first.getByTestId('card-more').click();
    await first.getByRole('button', { name: `More like this: ${t1}` }).click();
    await expect(page.getByTestId('assistant-message').filter({ hasText: `More like the ${t1}` })).toBeVisible();
    await expect(cards.first().getByTestId('suggestion-reasons')).toContainText(`Similar to the ${t1}`);

    // End: the shortlist is the basket; add one more by SKU search; satisfaction 5; notes.
    await shortlist.getByRole('button', { name: 'End consultation' }).click();
    const dialog = page.getByRole('dialog', { name: 'End the consultation' });
    await expect(dialog.getByRole('radio', { name: 'They bought' })).toBeChecked();
    await expect(dialog.getByTestId('basket-line')).toHaveCount(2);
    await expect(async () =>
      expect(pence(await dialog.getByTestId('basket-value').innerText())).toBe(expected),
    ).toPass();
    await dialog.getByRole('textbox', { name: 'Add something else they bought' }).fill('merino socks');
    const skuHit = dialog.getByTestId('sku-result').first();
    await expect(skuHit).toBeVisible();
    const sockPrice = pence(await skuHit.locator('p', { hasText: '£' }).last().innerText());
    await skuHit.click();
    await expect(dialog.getByTestId('basket-line')).toHaveCount(3);
    const basket = expected + sockPrice;
    await expect(async () => expect(pence(await dialog.getByTestId('basket-value').innerText())).toBe(basket)).toPass();
    await expect(dialog.getByTestId('basket-value')).toContainText('3 items');
    await dialog.getByRole('radio', { name: '5 of 5: Delighted' }).click();
    await expect(dialog.getByRole('radio', { name: '5 of 5: Delighted' })).toHaveAttribute('aria-checked', 'true');
    await dialog.getByRole('textbox', { name: 'Notes' }).fill('Took the jacket for the West Highland Way.');
    await screenshot(page, 'consult-end-dialog');
    await dialog.getByRole('button', { name: /^Save · £/ }).click();
    await expect(dialog).toBeHidden();

    // The saved record, straight away and again from the Consult page's list.
    const record = page.getByTestId('consultation-record');
    await expect(record.getByTestId('record-outcome')).toHaveText('They bought');
    expect(pence(await record.getByTestId('record-basket').innerText())).toBe(basket);
    await expect(record.getByTestId('record-satisfaction')).toHaveText('5 of 5');
    await expect(record.getByTestId('record-notes')).toHaveText('Took the jacket for the West Highland Way.');
    // every bought item is listed by name, the one found by SKU search too
    await expect(record.getByTestId('record-basket-line')).toHaveCount(3);
    await expect(record.getByTestId('record-basket-line').filter({ hasText: t1 })).toContainText('1 ×');
    await expect(record.getByTestId('record-basket-line').filter({ hasText: /merino/i })).toHaveCount(1);
    // one row per product, whichever replies suggested it
    await expect(record.getByTestId('record-suggestion').filter({ hasText: t1 })).toContainText('Bought');
    await expect(record.getByTestId('record-suggestion').filter({ hasText: t3 })).toContainText('Bought');
    await expect(record.getByTestId('record-suggestion').filter({ hasText: t1 })).toHaveCount(1);
    await expect(record.getByTestId('record-suggestion').filter({ hasText: 'Not for them · fit' })).toHaveCount(1);
    await screenshot(page, 'consult-record');

    const url = page.url();
    await page.getByRole('button', { name: 'All consultations' }).click();
    const row = page.getByTestId('recent-consultation').first();
    await expect(row).toContainText('K.');
    await expect(row).toContainText('They bought');
    await expect(row).toContainText('5/5');
    await screenshot(page, 'consult-start-recent');
    await row.click();
    await expect(page).toHaveURL(url);
    await expect(page.getByTestId('record-outcome')).toHaveText('They bought');
  });

  test('a walk-in consultation: no customer, Esc stops the stream, a question chip starts the answer, the LLM completes', async ({
    page,
  }) => {
    test.setTimeout(90_000);
    await page.goto(`${LLM_APP}/#/consult`);
    await page.getByRole('button', { name: 'Walk-in', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Walk-in consultation' })).toBeVisible();
    await expect(page.getByTestId('customer-strip')).toHaveCount(0);
    await screenshot(page, 'walkin-empty');

    const box = page.getByRole('textbox', { name: 'Message to the copilot' });
    await box.fill('a fleece for winter walks');
    await box.press('Enter');
    const cards = page.getByTestId('suggestion-card');
    await expect(cards.first()).toBeVisible();
    await expect(cards.first().getByTestId('suggestion-reasons')).toBeVisible();

    // Esc stops the streaming reply from anywhere, the reply box included.
    await waitForStreamingText(page, 12);
    await box.press('Escape');
    await expect(page.locator('[data-testid="assistant-message"][data-engine="llm"]')).toHaveAttribute(
      'data-status',
      'stopped',
    );

    // The copilot asked who it is for: the chip starts the answer in the box, the associate finishes it.
    const chip = page.getByTestId('question-chip').filter({ hasText: 'woman, a man or a child' });
    await expect(chip).toBeVisible();
    await chip.click();
    await expect(box).toHaveValue("It's for a ");
    await expect(box).toBeFocused();
    await page.keyboard.type('man, size L');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('associate-message').nth(1)).toHaveText("It's for a man, size L");

    // Second turn: the LLM's quick reply completes and names a product the local engine showed.
    const llm = page.locator('[data-testid="assistant-message"][data-engine="llm"][data-status="complete"]');
    await expect(llm).toBeVisible({ timeout: 20_000 });
    await expect(llm.getByTestId('reply-engine')).toContainText('LLM');
    await expect(llm).toContainText('fits what they just told you');
    await expect(llm.getByRole('button', { name: '1 suggestion shown on the right' })).toBeVisible();
    await expect(cards.first()).toContainText('From the LLM');
    await screenshot(page, 'walkin-llm-complete');

    await page.getByRole('button', { name: 'End consultation' }).click();
    const dialog = page.getByRole('dialog', { name: 'End the consultation' });
    // nothing was shortlisted, so "No purchase" is already chosen
    await expect(dialog.getByRole('radio', { name: 'No purchase' })).toBeChecked();
    await dialog.getByRole('radio', { name: '3 of 5: OK' }).click();
    await dialog.getByRole('button', { name: 'Save and end' }).click();
    await expect(page.getByTestId('record-outcome')).toHaveText('No purchase');
    await expect(page.getByRole('heading', { level: 1, name: 'Walk-in consultation' })).toBeVisible();
  });
});
