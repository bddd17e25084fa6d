import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser.js';
import { startServe, type ServedConsole } from './serve-process.js';

export interface DemoConsole {
  readonly served: ServedConsole;
  readonly browser: Browser;
  readonly page: Page;
}

/**
 * `bridgepoint serve --demo` (or `args`, e.g. `--demo thai-nguyen-2025`) and a Chromium page on
 * it, as every end-to-end file starts; page errors and console errors are collected into
 * `pageErrors` (each file asserts there are none).
 */
export async function openDemoConsole(pageErrors: string[], args: readonly string[] = ['--demo']): Promise<DemoConsole> {
  const served = await startServe([...args]);
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

/**
 * Opens the console and logs in through the login page as a person would (user name, password,
 * Enter), as one of the accounts serve printed; resolves once the console is there.
 */
export async function logIn(page: Page, served: ServedConsole, user: string): Promise<void> {
  await page.goto(served.url);
  await page.getByTestId('login-page').waitFor({ timeout: 30_000 });
  await page.getByTestId('login-user').fill(user);
  await page.getByTestId('login-password').fill(served.account(user).password);
  await page.getByTestId('login-password').press('Enter');
  await page.getByTestId('app').waitFor({ timeout: 30_000 });
  // The rail (and its Alt+N keys) is there once the network has loaded; on a busy machine that
  // can take a few seconds after the app appears.
  await page.getByTestId('view-rail').waitFor({ timeout: 30_000 });
}

/** A training fault through the demo API (`injectFault`, as a technician); fails the test unless the engine accepts it. */
export async function injectFault(served: ServedConsole, body: Record<string, unknown>): Promise<void> {
  const res = await served.api('/api/v1/rpc/injectFault', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status !== 200 || JSON.parse(text).ok !== true) throw new Error(`injectFault ${JSON.stringify(body)}: ${res.status} ${text}`);
}
