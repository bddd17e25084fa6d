// Writes assets/inventory/thai-nguyen-2025.json (the two-tier demo after the 2025 reform) from
// assets/inventory/bac-kan.json through the reorganisation operations (scripts/thai-nguyen-2025.ts).
// Run from the project root: node scripts/make-thai-nguyen-2025.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createServer } from 'vite';

const root = resolve(import.meta.dirname, '..');
// Vite loads the TypeScript sources as they are (no build step, no other dependency).
const vite = await createServer({ root, logLevel: 'warn', server: { middlewareMode: true, hmr: false }, appType: 'custom', optimizeDeps: { noDiscovery: true, include: [] } });
try {
  const { thaiNguyen2025 } = await vite.ssrLoadModule('/scripts/thai-nguyen-2025.ts');
  const { validateInventory } = await vite.ssrLoadModule('/shared/inventory.ts');
  const parsed = validateInventory(JSON.parse(readFileSync(resolve(root, 'assets/inventory/bac-kan.json'), 'utf8')));
  if (!parsed.ok) throw new Error('assets/inventory/bac-kan.json is not a valid inventory');
  const out = resolve(root, 'assets/inventory/thai-nguyen-2025.json');
  const inv = thaiNguyen2025(parsed.inventory);
  writeFileSync(out, `${JSON.stringify(inv, null, 2)}\n`);
  console.log(`wrote ${out}: ${inv.tiers.join(' → ')}, ${inv.sites.length} sites, ${inv.sites.reduce((n, s) => n + s.endpoints.length, 0)} codecs`);
} finally {
  await vite.close();
}
