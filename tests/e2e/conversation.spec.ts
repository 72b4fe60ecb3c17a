/**
 * A conversation as an associate has it on the demo store: a request, a refinement ("something
 * warmer"), "what goes with it?", a change of topic, and a message the copilot cannot read. Each step
 * is asserted on the cards shown, not only on the text.
 */
import type { Page } from '@playwright/test';
import { screenshot, test, expect } from './fixtures';

async function say(page: Page, message: string, answers: number): Promise<void> {
  const box = page.getByRole('textbox', { name: 'Message to the copilot' });
  await box.fill(message);
  await box.press('Enter');
  // the local engine answers inside the call: wait for this turn's reply before reading the cards
  await expect(page.getByTestId('assistant-message')).toHaveCount(answers);
}

async function shownCards(page: Page): Promise<{ sku: string; title: string; text: string }[]> {
  const cards = page.getByTestId('suggestion-card');
  const out: { sku: string; title: string; text: string }[] = [];
  for (const c of await cards.all()) {
    out.push({
      sku: (await c.getAttribute('data-sku'))!,
      title: (await c.getByTestId('suggestion-title').innerText()).trim(),
      text: await c.innerText(),
    });
  }
  return out;
}

test('a conversation: refinement, goes-with, a new topic and an unreadable message, each on the cards shown', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('/#/');
  await page.getByRole('button', { name: 'Walk-in', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Walk-in consultation' })).toBeVisible();

  await say(page, 'waterproof jacket for her, size M', 1);
  const first = await shownCards(page);
  expect(first.length).toBeGreaterThanOrEqual(3);
  for (const c of first) {
    expect(c.title).toMatch(/Women's .*Jacket/);
    expect(c.text).toContain('Size M');
  }

  // the turn's answer goes straight into the screen's copy of the consultation: no re-read of the whole
  // consultation, from sending this turn until the next one is sent
  const rpcDuringTurn: string[] = [];
  const countRpc = (r: { url(): string }) => {
    const call = /\/rpc\/([^/?]+)/.exec(r.url())?.[1];
    if (call) rpcDuringTurn.push(decodeURIComponent(call));
  };
  page.on('request', countRpc);
  // a refinement: other, warmer jackets for the same woman in the same size — never the same list again
  await say(page, 'something warmer', 2);
  const warmer = await shownCards(page);
  expect(warmer.length).toBeGreaterThanOrEqual(1);
  for (const c of warmer) {
    expect(first.map((x) => x.sku)).not.toContain(c.sku);
    expect(c.title).toMatch(/Women's/);
    expect(c.text).toContain('Size M');
  }
  expect(warmer.some((c) => /Down|Insulated|Parka|Synthetic/.test(c.title))).toBe(true);

  page.off('request', countRpc);
  expect(rpcDuringTurn.filter((c) => c === 'copilot.send')).toHaveLength(1);
  expect(rpcDuringTurn.filter((c) => c === 'consultation.get')).toEqual([]);

  // "what goes with it": complements for her, in her size where sized, never another jacket
  await say(page, 'what goes with it?', 3);
  await expect(page.getByTestId('assistant-message').last()).toContainText('To go with');
  const goes = await shownCards(page);
  expect(goes.length).toBeGreaterThanOrEqual(1);
  for (const c of goes) {
    // never another of what they have: no insulated jacket, parka or down hoody (a fleece mid-layer is fine)
    expect(c.title).not.toMatch(/Jacket|Parka|Down Hoody/);
    expect(c.title).not.toMatch(/Men's|Kids'/);
    expect(c.text).toContain('Goes with');
  }
  await screenshot(page, 'conversation-goes-with');

  // a new kind of product starts a new topic: the jacket's size does not follow, and the reply says what it kept
  await say(page, 'trail running shoes for him, UK 9', 4);
  await expect(page.getByTestId('assistant-message').last()).toContainText('New search');
  const shoes = await shownCards(page);
  expect(shoes.length).toBeGreaterThanOrEqual(1);
  for (const c of shoes) {
    expect(c.title).toMatch(/Men's .*(Shoe|Trainer)/);
    expect(c.text).toContain('Size UK 9');
  }

  // a message it cannot read: an honest "didn't catch that" with the question, not the last answer again
  await say(page, 'ça va, merci beaucoup', 5);
  const last = page.getByTestId('assistant-message').last();
  await expect(last).toContainText("didn't catch that");
  const previousReply = await page.getByTestId('assistant-message').nth(3).innerText();
  expect(await last.innerText()).not.toBe(previousReply);
  await screenshot(page, 'conversation-unreadable');
});
