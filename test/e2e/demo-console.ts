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

/** A training fault through the demo API (`injectFault`); fails the test unless the engine accepts it. */
export async function injectFault(served: ServedConsole, body: Record<string, unknown>): Promise<void> {
  const res = await fetch(new URL('/api/v1/rpc/injectFault', served.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status !== 200 || JSON.parse(text).ok !== true) throw new Error(`injectFault ${JSON.stringify(body)}: ${res.status} ${text}`);
}
