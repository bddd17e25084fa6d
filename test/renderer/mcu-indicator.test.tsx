// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import './dom-setup.js';
import { McuIndicator } from '../../renderer/features/shell/mcu-indicator.js';
import { useConferenceStore } from '../../renderer/stores/conference-store.js';

const view = (state: 'ok' | 'disconnected' | 'none') => ({ mcu: { state, message: 'no answer', since: '2026-11-22T01:00:00Z' }, conferences: [] });

describe('MCU in the top bar', () => {
  afterEach(() => useConferenceStore.getState().receive(view('none')));

  it('is calm when connected and names the state when it needs attention', () => {
    useConferenceStore.getState().receive(view('ok'));
    const { rerender } = render(<McuIndicator />);
    expect(screen.getByTestId('topbar-mcu').dataset.attention).toBe('false');
    useConferenceStore.getState().receive(view('disconnected'));
    rerender(<McuIndicator />);
    const el = screen.getByTestId('topbar-mcu');
    expect(el.dataset.attention).toBe('true');
    expect(el.textContent).toMatch(/MCU/);
    expect(el.querySelector('.top-bar__mcu-word')).not.toBeNull();
  });

  it('shows nothing when the network has no MCU', () => {
    useConferenceStore.getState().receive(view('none'));
    render(<McuIndicator />);
    expect(screen.queryByTestId('topbar-mcu')).toBeNull();
  });
});
