import { describe, expect, it } from 'vitest';
import type { Participant } from '../../shared/conference.js';
import type { SiteView } from '../../shared/inventory.js';
import { defaultChair } from '../../renderer/features/session/chair-model.js';

const p = (id: string, state: Participant['state'] = 'connected'): Participant => ({ id, endpointId: null, name: id, uri: id, state, audioMuted: false, videoMuted: false, activeSpeaker: false, layout: null });
const site = (id: string): SiteView => ({ id }) as SiteView;
const rows = [
  { participant: p('p-tinh'), site: site('ubnd-tinh') },
  { participant: p('p-ba-be'), site: site('ba-be') },
  { participant: p('p-na-ri', 'disconnected'), site: site('na-ri') },
  { participant: p('p-guest'), site: null },
];

describe('defaultChair', () => {
  it('is the booked meeting\'s host site when it is in the call', () => {
    expect(defaultChair(rows, 'ba-be')).toEqual({ participantId: 'p-ba-be', from: 'host' });
  });

  it('is the first row when the conference was never booked, or its host is not in the call', () => {
    expect(defaultChair(rows, null)).toEqual({ participantId: 'p-tinh', from: 'first' });
    expect(defaultChair(rows, 'cho-ra')).toEqual({ participantId: 'p-tinh', from: 'first' });
    // A host that has left does not chair.
    expect(defaultChair(rows, 'na-ri')).toEqual({ participantId: 'p-tinh', from: 'first' });
  });

  it('is nobody in an empty call', () => {
    expect(defaultChair([], 'ba-be')).toEqual({ participantId: null, from: 'none' });
  });
});
