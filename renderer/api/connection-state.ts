/** The link to the engine, as the top bar shows it. */
export type ConnectionPhase = 'connecting' | 'open' | 'closed';

export interface ConnectionState {
  readonly phase: ConnectionPhase;
  /** When the link entered this phase (ms since epoch). */
  readonly since: number;
  /** Failed attempts in a row; 0 once a link has stayed up. */
  readonly attempt: number;
  /** When the next attempt starts, while closed (ms since epoch); null otherwise. */
  readonly retryAt: number | null;
}
