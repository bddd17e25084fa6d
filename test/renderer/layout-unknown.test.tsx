// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LayoutThumb } from '../../renderer/features/session/layout-thumb.js';
import { SessionView } from '../../renderer/features/session/session-view.js';
import { setAuditApi, useAuditStore } from '../../renderer/stores/audit-store.js';
import { setConferenceHooks, useConferenceStore } from '../../renderer/stores/conference-store.js';
import { useConnectionStore } from '../../renderer/stores/connection-store.js';
import { NETWORK, up } from './fixtures.js';
import { ago, seedStores } from './dom-setup.js';
import { conference, fakeApi, view } from './session-fixtures.js';

// Layouts the MCU reports that the console has no drawing for (CMS onePlusN, allEqualTwentyFifths,
// anything newer): shown by their own name with a generic picture, never dropped or taken for another.

function seed(layout: string) {
  seedStores(NETWORK, [up('ubnd-tinh-1', 'ubnd-tinh', ago(3))]);
  useConnectionStore.setState({ identity: { user: 'lan', role: 'operator' } });
  const fake = fakeApi({});
  setConferenceHooks({ api: fake.api });
  setAuditApi(fake.api);
  useAuditStore.getState().clear();
  useConferenceStore.setState({ view: null, pending: [], errors: new Map(), log: [], bulk: null, selectedId: null });
  useConferenceStore.getState().receive(view([conference({ layout })]));
}

describe('layouts the console cannot draw', () => {
  afterEach(cleanup);
  beforeEach(() => cleanup());

  it('get a generic thumbnail: one dashed pane and a question mark, marked unknown', () => {
    render(<LayoutThumb layout="onePlusN" label="onePlusN" />);
    const svg = document.querySelector<SVGElement>('svg[data-layout="onePlusN"]')!;
    expect(svg.dataset.unknown).toBe('true');
    expect(svg.querySelectorAll('.layout-thumb__pane')).toHaveLength(1);
    expect(svg.querySelector('.layout-thumb__unknown')).not.toBeNull();
    expect(svg.getAttribute('aria-label')).toBe('onePlusN');
  });

  it('a known layout is not marked unknown', () => {
    render(<LayoutThumb layout="stacked" label="Stacked" />);
    expect(document.querySelector<SVGElement>('svg[data-layout="stacked"]')!.dataset.unknown).toBe('false');
  });

  it('the picker shows the MCU\'s layout by its raw name, with no choice checked; the header names it too', () => {
    seed('allEqualTwentyFifths');
    render(<SessionView />);
    const other = screen.getByTestId('layout-other');
    expect(other.dataset.layout).toBe('allEqualTwentyFifths');
    expect(other.textContent).toContain('allEqualTwentyFifths');
    expect(other.querySelector('svg[data-unknown="true"]')).not.toBeNull();
    const picker = screen.getByTestId('layout-picker');
    expect(within(picker).getAllByRole('radio').filter((r) => r.getAttribute('aria-checked') === 'true')).toEqual([]);
    // The first choice stays reachable with the keyboard.
    expect(within(picker).getAllByRole('radio')[0]!.tabIndex).toBe(0);
    const header = screen.getByTestId('conference-header');
    expect(header.dataset.layout).toBe('allEqualTwentyFifths');
    expect(header.textContent).toContain('allEqualTwentyFifths');
    expect(header.textContent).not.toContain('session.layout');
  });

  it('a layout the console knows shows no such note', () => {
    seed('onePlusSeven');
    render(<SessionView />);
    expect(screen.queryByTestId('layout-other')).toBeNull();
    expect(screen.getByTestId('layout-onePlusSeven').getAttribute('aria-checked')).toBe('true');
  });
});
