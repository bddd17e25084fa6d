import type { ApiErrorCode, ApiErrorParams } from '../../shared/api/errors.js';
import type { ActionResult, ConferencesView, Layout, Participant, ReportedLayout } from '../../shared/conference.js';

/**
 * The operator's actions on a conference as the Live view tracks them: a pending change until the
 * MCU's report agrees, an error beside its control, a line in the results log, the last bulk
 * connect. Types and the pure rules over them; the store (conference-store.ts) holds the state.
 */

/** What a pending change sets: a participant's mute or layout, its presence, or the conference's layout or existence. */
export type PendingField = 'audioMuted' | 'videoMuted' | 'layout' | 'leaving' | 'ending';

export interface PendingChange {
  readonly id: number;
  readonly conferenceId: string;
  /** null: the conference itself (its layout, or ending it). */
  readonly participantId: string | null;
  readonly field: PendingField;
  readonly value: boolean | Layout;
  readonly since: number;
  /** The engine answered ok: only the MCU's report is awaited. */
  readonly accepted: boolean;
}

/** The controls an error can sit beside. */
export type ControlKind = 'audio' | 'video' | 'layout' | 'disconnect' | 'end' | 'muteAll' | 'connect' | 'dial';

export interface ControlError {
  /** error: the engine or the MCU refused (message says why); partial: some targets of a bulk action failed; unconfirmed: accepted, but the MCU never reported the change. */
  readonly kind: 'error' | 'partial' | 'unconfirmed';
  readonly message: string;
  /** The engine's error code and params when it refused with an ApiError (worded from the catalogue). */
  readonly code?: ApiErrorCode;
  readonly params?: ApiErrorParams;
  readonly failed?: number;
  readonly total?: number;
  readonly at: number;
}

export type ActionKind =
  | 'muteParticipant'
  | 'muteAllExceptChair'
  | 'setLayout'
  | 'dialOut'
  | 'connectSites'
  | 'disconnectParticipant'
  | 'endConference';

/** One line of the results area: an action and its result per target. */
export interface ActionLogEntry {
  readonly id: number;
  readonly at: number;
  readonly action: ActionKind;
  readonly conferenceId: string;
  /** What the operator acted on, in words (a site, "14 sites of Ba Bể"). */
  readonly label: string;
  /** For mutes: what was asked ("audio on"), so the line can say it. */
  readonly detail: string | null;
  /** null while the request is on its way. */
  readonly results: readonly ActionResult[] | null;
  /** The request itself failed (no results at all). */
  readonly error: string | null;
}

/** How a bulk connect chose its sites: a district (its communes too), a tier, or every site in the user's scope. */
export type BulkWay = 'district' | 'tier' | 'scope';

/** The last bulk connect: its targets, then one result per site. */
export interface BulkRun {
  readonly id: number;
  readonly conferenceId: string;
  readonly by: BulkWay;
  readonly value: string;
  readonly siteIds: readonly string[];
  readonly results: readonly ActionResult[] | null;
  readonly error: string | null;
  readonly at: number;
}

export const controlKey = (conferenceId: string, participantId: string | null, control: ControlKind): string =>
  `${conferenceId}|${participantId ?? '*'}|${control}`;

export const CONTROL_OF: Readonly<Record<PendingField, ControlKind>> = {
  audioMuted: 'audio',
  videoMuted: 'video',
  layout: 'layout',
  leaving: 'disconnect',
  ending: 'end',
};

/** The participant's current value of a pending field, as the MCU reports it. */
function reported(view: ConferencesView, p: PendingChange): boolean | ReportedLayout | null | 'gone' {
  const conf = view.conferences.find((c) => c.id === p.conferenceId);
  if (!conf) return 'gone';
  if (p.field === 'ending') return false;
  if (p.participantId === null) return p.field === 'layout' ? conf.layout : null;
  const part = conf.participants.find((x) => x.id === p.participantId);
  if (!part) return 'gone';
  if (p.field === 'leaving') return part.state === 'disconnected';
  if (p.field === 'audioMuted') return part.audioMuted;
  if (p.field === 'videoMuted') return part.videoMuted;
  return part.layout;
}

/** A change is over once the MCU reports the requested value, or its subject is gone. */
export function isSettled(view: ConferencesView, p: PendingChange): boolean {
  const now = reported(view, p);
  return now === 'gone' || now === p.value;
}

/** The audit target the engine uses for a participant: its endpoint id when known, else its URI. */
export const participantTarget = (p: Pick<Participant, 'endpointId' | 'uri'>): string => p.endpointId ?? p.uri;
