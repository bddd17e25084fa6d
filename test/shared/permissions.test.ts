import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requests, type RequestName } from '../../shared/api/contract.js';
import { can } from '../../shared/api/permissions.js';
import { ROLES } from '../../shared/roles.js';

describe('can(identity, method)', () => {
  it('answers from the contract roles of every request, for every role', () => {
    for (const method of Object.keys(requests) as RequestName[]) {
      for (const role of ROLES) expect(can({ role }, method), `${role} ${method}`).toBe(requests[method].roles.includes(role));
    }
  });

  it('lets a supervisor watch but not act, an operator run sessions but not manage accounts', () => {
    expect(can({ role: 'supervisor' }, 'getConferences')).toBe(true);
    for (const m of ['muteParticipant', 'endConference', 'bookMeeting', 'startMeeting', 'injectFault', 'listUsers'] as const) expect(can({ role: 'supervisor' }, m), m).toBe(false);
    expect(can({ role: 'operator' }, 'muteParticipant')).toBe(true);
    expect(can({ role: 'operator' }, 'bookMeeting')).toBe(true);
    for (const m of ['listUsers', 'createUser', 'revokeSession', 'injectFault', 'reloadInventory'] as const) expect(can({ role: 'operator' }, m), m).toBe(false);
    expect(can({ role: 'technician' }, 'listUsers')).toBe(true);
  });

  it('refuses a scoped supervisor what the scope table forbids, whatever the role allows', () => {
    expect(can({ role: 'supervisor' }, 'listAudit')).toBe(true);
    expect(can({ role: 'supervisor', scope: ['ba-be'] }, 'listAudit')).toBe(false);
    expect(can({ role: 'supervisor', scope: ['ba-be'] }, 'getConferences')).toBe(true);
    expect(can({ role: 'supervisor', scope: [] }, 'listAudit')).toBe(true);
  });

  it('lets nobody act without an identity', () => {
    expect(can(null, 'getHealth')).toBe(false);
    expect(can(undefined, 'whoami')).toBe(false);
  });

  it('is the renderer\'s only way to decide by role: no feature compares role names itself', () => {
    const root = join(import.meta.dirname, '../../renderer/features');
    const offenders: string[] = [];
    for (const f of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
      if (!/\.tsx?$/.test(f)) continue;
      const text = readFileSync(join(root, f), 'utf8');
      // The rail's audit view is a screen, not a request (operators have the Live view's log).
      if (f.endsWith('view-rail.tsx')) continue;
      if (/role\s*[!=]==\s*'(technician|operator|supervisor)'|'(technician|operator|supervisor)'\s*[!=]==\s*\w*role/i.test(text)) offenders.push(f);
    }
    expect(offenders).toEqual([]);
  });
});
