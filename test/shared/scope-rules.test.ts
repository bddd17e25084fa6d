import { describe, expect, it } from 'vitest';
import { requests, streams } from '../../shared/api/contract.js';
import { REQUEST_SCOPE_RULES, SCOPE_FILTERS, STREAM_SCOPE_RULES } from '../../shared/scope-rules.js';

describe('the scope rules table', () => {
  it('has a rule for every request of the contract, and none for a request that does not exist', () => {
    expect(Object.keys(REQUEST_SCOPE_RULES).sort()).toEqual(Object.keys(requests).sort());
  });

  it('has a rule for every stream', () => {
    expect(Object.keys(STREAM_SCOPE_RULES).sort()).toEqual(Object.keys(streams).sort());
  });

  it('uses every filter it declares', () => {
    const used = new Set(Object.values(REQUEST_SCOPE_RULES).flatMap((r) => (r.kind === 'filtered' ? [r.filter] : [])));
    expect([...used].sort()).toEqual([...SCOPE_FILTERS].sort());
  });

  it('lets nothing a supervisor may call through unfiltered unless it is about the caller alone', () => {
    const open = Object.entries(REQUEST_SCOPE_RULES)
      .filter(([name, r]) => r.kind === 'public' && requests[name as keyof typeof requests].roles.includes('supervisor'))
      .map(([name]) => name)
      .sort();
    expect(open).toEqual(['login', 'logout', 'setPassword', 'whoami']);
  });
});
