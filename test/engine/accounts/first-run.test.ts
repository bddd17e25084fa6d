import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeCreatedAccount, planFirstRun, randomPassword } from '../../../electron/engine/accounts/first-run.js';
import { serve } from '../../../electron/server/serve.js';
import { smallInventory, writeInventory } from '../../fixtures/inventory.js';

describe('first-run accounts', () => {
  it('makes random passwords of 16 unambiguous characters', () => {
    const many = Array.from({ length: 200 }, randomPassword);
    expect(new Set(many).size).toBe(200);
    for (const pw of many) expect(pw).toMatch(/^([a-hj-km-np-z2-9]{4}-){3}[a-hj-km-np-z2-9]{4}$/);
  });

  it('plans the Ba Bể supervisor only when the inventory has ba-be', () => {
    expect(planFirstRun({ demoAccounts: true, hasSite: () => false }).map((a) => a.user)).toEqual(['admin', 'kythuat', 'dieuhanh', 'giamsat']);
    expect(planFirstRun({ hasSite: () => true }).map((a) => a.user)).toEqual(['admin']);
  });

  it('words the lines serve prints, never echoing a chosen password', () => {
    const base = { displayName: 'x', mustChange: false };
    expect(describeCreatedAccount({ ...base, user: 'giamsat-babe', role: 'supervisor', scope: ['ba-be'], password: 'abcd-efgh-jkmn-pqrs' })).toBe(
      'account giamsat-babe (supervisor): password abcd-efgh-jkmn-pqrs scope ba-be',
    );
    expect(describeCreatedAccount({ ...base, user: 'dieuhanh', role: 'operator', scope: [], password: 'abcd-efgh-jkmn-pqrs' })).toBe('account dieuhanh (operator): password abcd-efgh-jkmn-pqrs');
    expect(describeCreatedAccount({ ...base, user: 'admin', role: 'technician', scope: [], password: null })).toBe(
      'account admin (technician) created with the password from BRIDGEPOINT_ADMIN_PASSWORD',
    );
  });

  it('serve creates the accounts on the first start only', async () => {
    const databasePath = join(mkdtempSync(join(tmpdir(), 'bp-serve-acc-')), 'bp.db');
    const options = { inventoryPath: writeInventory(smallInventory()), demo: false, monitoring: false, databasePath, host: '127.0.0.1', port: 0, rendererDir: tmpdir() };
    const first = await serve(options);
    try {
      expect(first.engine.createdAccounts.map(describeCreatedAccount)).toEqual([expect.stringMatching(/^account admin \(technician\): password [a-z2-9-]{19}$/)]);
    } finally {
      await first.close();
    }
    const second = await serve({ ...options, adminPassword: 'bo-qua-vi-da-co' });
    try {
      expect(second.engine.createdAccounts).toEqual([]);
    } finally {
      await second.close();
    }
  }, 30_000);
});
