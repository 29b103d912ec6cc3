// Debian's Chromium for the browser tests, as root in a closed network (docs/console.md):
// launch it, open a fresh page that fails the test on any script error, take screenshots into
// docs/screenshots/console/ (OKNO_SCREENSHOTS overrides: ctest points it at the build folder).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const SHOTS = process.env.OKNO_SCREENSHOTS || path.resolve(here, '../../docs/screenshots/console');
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'];

export async function launchChromium() {
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
}

export async function newPage(browser, { width = 1280, height = 900 } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'en-US' });
  const page = await context.newPage();
  page.on('pageerror', (e) => { throw e; });
  return page;
}

export const shot = (page, name) => page.screenshot({ path: path.join(SHOTS, name), fullPage: true });
