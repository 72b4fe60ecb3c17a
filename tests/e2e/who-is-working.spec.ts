/** The start-of-shift prompt: the app asks who is working once, signing in credits the shift, "Not now" never blocks. */
import { scan, screenshot, test, expect } from './fixtures';

test.describe('who is working at start', () => {
  test.use({ askWhoIsWorking: true });

  test('the app asks at start; an associate signs in with their PIN and is not asked again', async ({ page }) => {
    await page.goto('/#/consult');
    const dialog = page.getByRole('dialog', { name: 'Who is working?' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('credited to you');
    await scan(page, 'Who is working at start');
    await screenshot(page, 'who-is-working-at-start');

    await dialog.getByRole('combobox', { name: 'Your name' }).click();
    await page.getByRole('option', { name: 'Ava Lindsay' }).click();
    await dialog.getByLabel('PIN', { exact: true }).fill('0000');
    await dialog.getByRole('button', { name: 'Sign in' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('who-is-working')).toContainText('Ava Lindsay');

    await page.getByRole('link', { name: /^Catalog/ }).click();
    await expect(page.getByRole('heading', { name: 'Catalog', level: 1 })).toBeVisible();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(page.getByTestId('who-is-working')).toContainText('Ava Lindsay');
  });

  test('"Not now" lets the associate look things up, and the prompt does not come back on other screens or a reload', async ({
    page,
  }) => {
    await page.goto('/#/catalog');
    const dialog = page.getByRole('dialog', { name: 'Who is working?' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Not now' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('who-is-working')).toHaveText('Who is working?');

    await page.getByRole('link', { name: /^Customers/ }).click();
    await expect(page.getByRole('heading', { name: 'Customers', level: 1 })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Customers', level: 1 })).toBeVisible();
    await expect(page.getByTestId('who-is-working')).toHaveText('Who is working?');
    await expect(page.getByRole('dialog')).toHaveCount(0);

    // the chip still opens the same sign-in, without the start-of-shift wording
    await page.getByTestId('who-is-working').click();
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Not now' })).toHaveCount(0);
  });
});
