import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser.js';
import { startServe, type ServedConsole } from './serve-process.js';

export interface DemoConsole {
  readonly served: ServedConsole;
  readonly browser: Browser;
  readonly page: Page;
}

/**
 * `bridgepoint serve --demo` and a Chromium page on it, as every end-to-end file starts; page
 * errors and console errors are collected into `pageErrors` (each file asserts there are none).
 */
export async function openDemoConsole(pageErrors: string[]): Promise<DemoConsole> {
  const served = await startServe(['--demo']);
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()));
  return { served, browser, page };
}

export async function closeDemoConsole(demo: Partial<DemoConsole>): Promise<void> {
  await demo.browser?.close();
  await demo.served?.stop();
}
