import { create } from 'zustand';
import type { Identity } from '../../shared/roles.js';
import type { ConnectionState } from '../api/connection-state.js';

/** Who we are on the link, with the session's idle expiry when the engine says it (whoami). */
export type ConsoleIdentity = Identity & { readonly idleTimeoutS?: number };

/** The link to the engine and who we are on it. */
export interface ConnectionStoreState {
  readonly link: ConnectionState;
  readonly transport: 'ipc' | 'websocket' | null;
  readonly identity: ConsoleIdentity | null;
  /** Frames or events from the engine the console could not use (for diagnostics). */
  readonly protocolErrors: number;
  readonly lastProtocolError: string | null;
  setLink(link: ConnectionState): void;
  setTransport(kind: 'ipc' | 'websocket'): void;
  setIdentity(identity: ConsoleIdentity | null): void;
  noteProtocolError(message: string): void;
}

export const useConnectionStore = create<ConnectionStoreState>()((set) => ({
  link: { phase: 'connecting', since: Date.now(), attempt: 0, retryAt: null },
  transport: null,
  identity: null,
  protocolErrors: 0,
  lastProtocolError: null,
  setLink: (link) => set({ link }),
  setTransport: (transport) => set({ transport }),
  setIdentity: (identity) => set({ identity }),
  noteProtocolError: (message) => set((s) => ({ protocolErrors: s.protocolErrors + 1, lastProtocolError: message })),
}));
