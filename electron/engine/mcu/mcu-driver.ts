import type { Conference, Layout, McuStatus } from '../../../shared/conference.js';

/** What a driver needs to reach its MCU (from the inventory's `mcu`, secrets resolved). */
export interface McuConfig {
  readonly url: string;
  readonly username: string;
  readonly password: string;
  /** Accept a self-signed certificate (many MCUs ship one). */
  readonly insecureTls?: boolean;
}

/** Calls and rosters as the MCU reports them, before the engine joins them to the inventory. */
export type McuConference = Omit<Conference, 'participants'> & {
  readonly participants: readonly Omit<Conference['participants'][number], 'endpointId'>[];
};

/**
 * One MCU behind one lifecycle (Bitfocus Companion's model): `init` connects and keeps connecting,
 * `configUpdated` reconnects with new settings, `destroy` stops for good. Status is emitted only on
 * change. Actions reject with McuActionError (a clear message, the MCU's failure detail if any),
 * and fail fast while the connection is not `ok`.
 */
export interface McuDriver {
  init(config: McuConfig): void;
  configUpdated(config: McuConfig): void;
  destroy(): Promise<void>;

  status(): McuStatus;
  onStatus(listener: (status: McuStatus) => void): () => void;
  /** The whole list after every change (drivers coalesce bursts). */
  conferences(): readonly McuConference[];
  onConferences(listener: (conferences: readonly McuConference[]) => void): () => void;

  /**
   * Start a new conference (an ad-hoc call) named `name`; it then appears in `conferences()` with
   * an empty roster. Resolves with the MCU's id for it.
   */
  createConference(name: string): Promise<{ conferenceId: string }>;
  setMute(conferenceId: string, participantId: string, mute: { audio?: boolean; video?: boolean }): Promise<void>;
  setParticipantLayout(conferenceId: string, participantId: string, layout: Layout): Promise<void>;
  setConferenceLayout(conferenceId: string, layout: Layout): Promise<void>;
  dialOut(conferenceId: string, uri: string): Promise<{ participantId: string | null }>;
  disconnect(conferenceId: string, participantId: string): Promise<void>;
  endConference(conferenceId: string): Promise<void>;
}

/** Values a refusal is worded with (`errors.reason.<reason>` in assets/locales), as ApiError params. */
export type McuActionParams = Readonly<Record<string, string | number | boolean | null>>;

export class McuActionError extends Error {
  /** The MCU's failure detail (e.g. CMS `<failureDetails><participantNotFound/>`), when it gave one. */
  readonly detail: string | null;
  readonly status: number | null;
  /** For the catalogue: `{ reason: 'snake_case', ...values }` when the refusal has words of its own. */
  readonly params: McuActionParams | undefined;
  constructor(message: string, detail: string | null = null, status: number | null = null, params?: McuActionParams) {
    super(message);
    this.name = 'McuActionError';
    this.detail = detail;
    this.status = status;
    this.params = params;
  }
}
