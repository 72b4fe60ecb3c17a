#!/usr/bin/env node
// Renders build/icon.svg to the PNG sizes electron-builder wants, with Debian's Chromium (no ImageMagick
// needed). Run after changing the SVG; the PNGs are committed.
import fs from 'node:fs';
import { chromium } from 'playwright-core';

const svg = fs.readFileSync('build/icon.svg', 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless'],
});
fs.mkdirSync('build/icons', { recursive: true });
for (const size of [16, 32, 48, 64, 128, 256, 512, 1024]) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(
    `<html><body style="margin:0;background:transparent">${svg.replace('width="512" height="512"', `width="${size}" height="${size}"`)}</body></html>`,
  );
  const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
  fs.writeFileSync(`build/icons/${size}x${size}.png`, png);
  if (size === 512) fs.writeFileSync('build/icon.png', png);
  await page.close();
}
await browser.close();
console.log('icons written to build/icon.png and build/icons/');
