/** Customer journeys: find a customer and confirm a size; customer view hides what the customer should not see. */
import type { Page } from '@playwright/test';
import { screenshot, test, expect } from './fixtures';

/** Contact details, spend and notes need someone signed in (nobody signed in = look-up mode). */
async function signIn(page: Page) {
  await page.getByTestId('who-is-working').click();
  const dialog = page.getByRole('dialog', { name: 'Who is working?' });
  await dialog.getByRole('combobox', { name: 'Your name' }).click();
  await page.getByRole('option', { name: 'Ava Lindsay' }).click();
  await dialog.getByLabel('PIN', { exact: true }).fill('0000');
  await dialog.getByRole('button', { name: 'Sign in' }).click();
  await expect(dialog).toBeHidden();
}

test.describe('customers', () => {
  test('find a customer as you type, open the profile, confirm a size', async ({ page }) => {
    await page.goto('/#/customers');
    await expect(page.getByRole('heading', { name: 'Customers', level: 1 })).toBeVisible();
    const find = page.getByRole('textbox', { name: /Find a customer/ });
    await expect(find).toBeFocused();
    await signIn(page);
    // Empty box: recent customers.
    await expect(page.getByTestId('customer-results-heading')).toHaveText('Recent customers');
    await expect(page.getByTestId('customer-result').first()).toBeVisible();

    // By name, as you type; then by email and by loyalty number, which find the same person.
    await find.fill('Kowal');
    await expect(page.getByTestId('customer-results-heading')).toContainText('for “Kowal”');
    const louise = page.getByTestId('customer-result').filter({ hasText: 'Louise Kowalski' });
    await expect(louise).toBeVisible();
    await screenshot(page, 'customers-search');
    await louise.click();
    await expect(page).toHaveURL(/customer=\d+/);
    const profile = page.getByTestId('customer-profile');
    await expect(profile.getByTestId('customer-name')).toHaveText('Louise Kowalski');
    const email = (await profile.getByTestId('customer-contacts').innerText()).match(/\S+@\S+/)![0];
    await find.fill(email);
    await expect(page.getByTestId('customer-result').first()).toContainText('Louise Kowalski');
    const loyalty = (await profile.locator('p', { hasText: 'Loyalty LOY-' }).first().innerText()).match(/LOY-\d+/)![0];
    await find.fill(loyalty.toLowerCase());
    await expect(page.getByTestId('customer-result').first()).toContainText('Louise Kowalski');

    // The profile: spend and orders, history by order newest first, sizes with their evidence.
    await expect(profile.getByTestId('lifetime-spend')).toContainText(/£[\d,]+\.\d\d/);
    const orderCount = Number((await profile.getByTestId('order-count').innerText()).replace(/\D/g, ''));
    expect(orderCount).toBeGreaterThan(0);
    await expect(profile.getByTestId('purchase-history')).toContainText(`${orderCount} order`);
    const dates = await profile
      .getByTestId('order')
      .locator('time')
      .evaluateAll((els) => els.map((e) => e.getAttribute('datetime')!));
    expect(dates.length).toBeGreaterThan(0);
    expect([...dates].sort().reverse()).toEqual(dates);

    const size = profile
      .locator('[data-testid="preference"][data-kind="size"]')
      .filter({ has: page.getByText('From purchases') })
      .first();
    await expect(size).toContainText(/ in \d+ of \d+ /); // the evidence, e.g. "M in 2 of 2 tops"
    const value = (await size.getByTestId('preference-value').innerText()).trim();
    const scope = await size.getAttribute('data-scope');
    await size.getByRole('button', { name: /^Confirm / }).click();
    const confirmed = profile.locator(`[data-testid="preference"][data-kind="size"][data-scope="${scope}"]`);
    await expect(confirmed.getByTestId('preference-origin')).toHaveText('Confirmed');
    await expect(confirmed.getByTestId('preference-value')).toHaveText(value);
    // no HQ source in this store: the confirmation stays on this laptop and says so
    await expect(page.getByText('Saved on this laptop.')).toBeVisible();
    await screenshot(page, 'customers-profile-confirmed');

    // Still confirmed after a reload (stored, not just drawn).
    await page.reload();
    await expect(
      page
        .getByTestId('customer-profile')
        .locator(`[data-testid="preference"][data-kind="size"][data-scope="${scope}"]`)
        .getByTestId('preference-origin'),
    ).toHaveText('Confirmed');
  });

  test('customer view (Ctrl+Shift+F) hides spend, contact details and notes, and enlarges product cards', async ({
    page,
  }) => {
    await page.goto('/#/customers');
    await signIn(page);
    await page.getByRole('textbox', { name: /Find a customer/ }).fill('Kowalski');
    await page.getByTestId('customer-result').filter({ hasText: 'Louise Kowalski' }).click();
    const profile = page.getByTestId('customer-profile');
    // a note, so there is one to hide
    await profile.getByRole('textbox', { name: 'Add a note' }).fill('Prefers a relaxed fit; planning a Munro in June.');
    await profile.getByRole('button', { name: 'Save note' }).click();
    await expect(profile.getByTestId('customer-note').first()).toContainText('planning a Munro');
    await expect(profile.getByTestId('lifetime-spend')).toBeVisible();
    await expect(profile.getByTestId('customer-contacts')).toBeVisible();
    await expect(profile.getByTestId('order-total').first()).toBeVisible();

    // The shortcut, from the page.
    await page.keyboard.press('Control+Shift+F');
    const toggle = page.getByRole('switch', { name: /Customer view/ });
    await expect(toggle).toBeChecked();
    await expect(profile.getByTestId('customer-name')).toBeVisible();
    await expect(profile.getByTestId('lifetime-spend')).toHaveCount(0);
    await expect(profile.getByTestId('customer-contacts')).toHaveCount(0);
    await expect(profile.getByTestId('customer-notes')).toHaveCount(0);
    await expect(profile.getByTestId('order-total')).toHaveCount(0);
    await expect(page.getByText('@example.')).toHaveCount(0);
    await expect(page.getByText('planning a Munro')).toHaveCount(0);
    await screenshot(page, 'customer-view-profile');

    // In a consultation: the customer strip has no private details and the cards are bigger.
    await profile.getByRole('button', { name: 'Start consultation' }).click();
    const box = page.getByRole('textbox', { name: 'Message to the copilot' });
    await box.fill('a warm fleece');
    await box.press('Enter');
    const card = page.getByTestId('suggestion-card').first();
    await expect(card).toBeVisible();
    await expect(card).toHaveAttribute('data-big', 'true');
    const bigWidth = (await card.boundingBox())!.width;
    await expect(page.getByText('@example.')).toHaveCount(0);
    await page.getByRole('button', { name: 'Profile' }).click();
    const drawer = page.getByRole('dialog', { name: 'Customer profile' });
    await expect(drawer.getByTestId('customer-name')).toBeVisible();
    await expect(drawer.getByTestId('lifetime-spend')).toHaveCount(0);
    await expect(drawer.getByTestId('customer-notes')).toHaveCount(0);
    await screenshot(page, 'customer-view-consultation-profile');
    await page.keyboard.press('Escape');
    await expect(drawer).toBeHidden();
    await screenshot(page, 'customer-view-consultation');

    // And back: the switch (or the shortcut again) brings the associate's view back.
    await page.getByRole('switch', { name: /Customer view/ }).click();
    await expect(card).not.toHaveAttribute('data-big', 'true');
    expect((await card.boundingBox())!.width).toBeLessThan(bigWidth);
    await screenshot(page, 'associate-view-consultation');
  });
});
