import { afterAll, beforeAll, it } from 'vitest';
import { closeDemoConsole, logIn, openDemoConsole, type DemoConsole } from './demo-console.js';
let demo: DemoConsole;
const errors: string[] = [];
beforeAll(async () => { demo = await openDemoConsole(errors); }, 60_000);
afterAll(async () => closeDemoConsole(demo));
it('shots', async () => {
  const { page, served } = demo;
  for (const user of ['kythuat', 'dieuhanh', 'giamsat']) {
    try { await page.setViewportSize({ width: 1280, height: 720 }); await logIn(page, served, user); } catch (e) { console.log(user, String(e)); continue; }
    await page.waitForTimeout(4000);
    for (const [k, name] of [['1', 'map'], ['2', 'live'], ['3', 'day'], ['4', 'sites']]) {
      await page.keyboard.press(`Alt+${k}`); await page.waitForTimeout(1500);
      await page.screenshot({ path: `/tmp/shots/${user}-${name}.png` });
    }
    await page.context().clearCookies(); await page.evaluate(() => { localStorage.clear(); sessionStorage.clear(); });
  }
  console.log(errors);
}, 180_000);
