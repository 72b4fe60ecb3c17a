/**
 * Privacy on a shared store screen: with nobody signed in ("Not now") Customers is a look-up — the
 * page's DOM holds no email, phone, spend or notes at all; a manager's unlock of Review does not change
 * who is working at the laptop; customer view renders no typed conversation.
 */
import type { Page } from '@playwright/test';
import { scan, screenshot, test, expect } from './fixtures';

async function rpc<T>(page: Page, name: string, input: unknown, session?: string): Promise<T> {
  const token = await page.locator('meta[name="aisle-bridge-token"]').getAttribute('content');
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (session) headers['x-aisle-session'] = session;
  const res = await page.request.post(`/rpc/${name}`, { data: input, headers });
  const body = (await res.json()) as { ok: boolean; data: T };
  expect(body.ok, `${name} answered`).toBe(true);
  return body.data;
}

async function signInAs(page: Page, name: string, pin: string) {
  await page.getByTestId('who-is-working').click();
  const dialog = page.getByRole('dialog', { name: 'Who is working?' });
  await dialog.getByRole('combobox', { name: 'Your name' }).click();
  await page.getByRole('option', { name, exact: true }).click();
  await dialog.getByLabel('PIN', { exact: true }).fill(pin);
  await dialog.getByRole('button', { name: 'Sign in' }).click();
  await expect(dialog).toBeHidden();
}

test.describe('privacy on a shared screen', () => {
  test('with nobody signed in, Customers and a profile hold no email, phone, spend or notes in the DOM', async ({
    page,
  }) => {
    await page.goto('/#/customers');
    await expect(page.getByRole('heading', { name: 'Customers', level: 1 })).toBeVisible();
    // what the signed-in view would show, read through the app's calls with an associate's session
    const people = await rpc<{ people: { id: string; name: string }[] }>(page, 'auth.people', {});
    const ava = people.people.find((p) => p.name === 'Ava Lindsay');
    expect(ava).toBeTruthy();
    const signedIn = await rpc<{ sessionToken: string }>(page, 'auth.signIn', { associateId: ava?.id, pin: '0000' });
    // someone with an email and a phone on file, found by surname
    const recent = await rpc<{
      results: { customerId: number; name: string; email: string | null; phone: string | null }[];
    }>(page, 'customers.recent', { limit: 50 }, signedIn.sessionToken);
    const someone = recent.results.find((r) => r.email && r.phone && r.name.includes(' '));
    expect(someone).toBeTruthy();
    const customerId = someone?.customerId ?? -1;
    const surname = someone?.name.split(' ').at(-1) ?? '';
    await rpc(
      page,
      'customers.addNote',
      { customerId, body: 'Private: collecting a gift for her partner on Friday.' },
      signedIn.sessionToken,
    );
    const full = await rpc<{
      customer: { name: string; email: string; phone: string };
      stats: { lifetimeSpend: number };
    }>(page, 'customers.profile', { customerId }, signedIn.sessionToken);
    await rpc(page, 'auth.signOut', {}, signedIn.sessionToken);
    expect(full.customer.email).toContain('@');

    const find = page.getByRole('textbox', { name: /Find a customer/ });
    // found by the email typed in, without showing it back
    await find.fill(full.customer.email);
    await expect(page.getByTestId('customer-result').first()).toContainText(full.customer.name);
    await expect(page.getByTestId('customer-result').first()).not.toContainText('@');
    await find.fill(surname);
    const row = page.getByTestId('customer-result').filter({ hasText: full.customer.name });
    await expect(row).toBeVisible();
    await row.first().click();
    const profile = page.getByTestId('customer-profile');
    await expect(profile.getByTestId('customer-name')).toHaveText(full.customer.name);
    await expect(profile.getByTestId('lookup-only')).toContainText('Sign in to see contact details, spend and notes.');
    await expect(profile.getByTestId('purchase-history')).toBeVisible();

    const html = await page.content();
    const phoneDigits = full.customer.phone.replace(/\D/g, '');
    expect(html).not.toContain(full.customer.email.split('@')[0]);
    expect(html.replace(/\D/g, '')).not.toContain(phoneDigits.slice(-7));
    expect(html).not.toContain('collecting a gift');
    expect(html).not.toContain('Lifetime spend');
    await expect(profile.getByTestId('lifetime-spend')).toHaveCount(0);
    await expect(profile.getByTestId('order-total')).toHaveCount(0);
    await expect(profile.getByTestId('customer-contacts')).toHaveCount(0);
    await screenshot(page, 'customers-lookup-only');
    await scan(page, 'customer profile in look-up mode');
  });

  test('a manager unlock is Review’s alone: leaving Review leaves the working associate unchanged, and ends the unlock', async ({
    page,
  }) => {
    await page.goto('/#/consult');
    await signInAs(page, 'Ava Lindsay', '0000');
    const who = page.getByTestId('who-is-working');
    await expect(who).toContainText('Ava Lindsay');

    await page.getByRole('link', { name: /^Review/ }).click();
    await expect(page.getByRole('heading', { name: 'Review', level: 1 })).toBeVisible();
    await expect(page.getByText('Your consultations and figures.')).toBeVisible();
    await page.getByRole('button', { name: 'Manager unlock' }).click();
    await page.getByRole('combobox', { name: 'Manager' }).click();
    await page.getByRole('option', { name: 'Morgan Reid' }).click();
    await page.getByLabel('PIN', { exact: true }).fill('1234');
    await page.getByRole('button', { name: 'Unlock Review' }).click();
    await expect(page.getByTestId('review-unlocked')).toContainText('Unlocked for Morgan Reid');
    await expect(page.getByTestId('review-unlocked')).toContainText(
      'Ava Lindsay is still the person working at this laptop',
    );
    await expect(page.getByText('Replay consultations, coach, and follow the store’s figures.')).toBeVisible();
    await expect(who).toContainText('Ava Lindsay');
    await screenshot(page, 'review-manager-unlocked');

    // leave Review: still Ava, and a consultation started now is hers
    await page.getByRole('link', { name: /^Consult/ }).click();
    await expect(who).toContainText('Ava Lindsay');
    await page.getByRole('button', { name: 'Walk-in', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Walk-in consultation' })).toBeVisible();
    const consultationId = new URL(page.url().replace('#/', '')).searchParams.get('c');
    expect(consultationId).toBeTruthy();

    // back in Review, the unlock has ended: Ava's own view again, and her new consultation is credited to her
    await page.getByRole('link', { name: /^Review/ }).click();
    await expect(page.getByText('Your consultations and figures.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Manager unlock' })).toBeVisible();
    await expect(page.getByTestId('review-unlocked')).toHaveCount(0);
    await expect(who).toContainText('Ava Lindsay');
    const people = await rpc<{ people: { id: string; name: string }[] }>(page, 'auth.people', {});
    const avaId = people.people.find((p) => p.name === 'Ava Lindsay')?.id;
    const morgan = people.people.find((p) => p.name === 'Morgan Reid')?.id;
    const manager = await rpc<{ sessionToken: string }>(page, 'auth.signIn', { associateId: morgan, pin: '1234' });
    const replay = await rpc<{ consultation: { associate: { id: string } } }>(
      page,
      'review.replay',
      { consultationId },
      manager.sessionToken,
    );
    expect(replay.consultation.associate.id).toBe(avaId);
  });

  test('customer view shows no typed conversation', async ({ page }) => {
    await page.goto('/#/consult');
    await signInAs(page, 'Ava Lindsay', '0000');
    await page.getByRole('button', { name: 'Walk-in', exact: true }).click();
    const box = page.getByRole('textbox', { name: 'Message to the copilot' });
    await box.fill('fleece for her husband, he hates orange, she says he is tight with money');
    await box.press('Enter');
    await expect(page.getByTestId('suggestion-card').first()).toBeVisible();
    await expect(page.getByTestId('associate-message')).toContainText('tight with money');

    await page.getByRole('switch', { name: /Customer view/ }).click();
    await expect(page.getByTestId('conversation-hidden')).toBeVisible();
    await expect(page.getByTestId('suggestion-card').first()).toBeVisible();
    const html = await page.content();
    expect(html).not.toContain('tight with money');
    expect(html).not.toContain('hates orange');
    await expect(page.getByTestId('assistant-message')).toHaveCount(0);
    await screenshot(page, 'customer-view-no-conversation');
    await scan(page, 'customer view');
    await page.getByRole('switch', { name: /Customer view/ }).click();
    await expect(page.getByTestId('associate-message')).toContainText('tight with money');
  });
});
