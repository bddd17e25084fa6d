import type { McuProblem, McuStatus } from '../../../../shared/conference.js';

/** The driver's words for its log and its status message (the UI words the state itself). */

export const clock = (ms: number): string => {
  const d = new Date(ms);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
};

export const seconds = (ms: number): string => `${Math.max(1, Math.ceil(ms / 1000))} s`;

const bytes = (n: number): string => (n >= 1024 * 1024 && n % (1024 * 1024) === 0 ? `${n / (1024 * 1024)} MiB` : n >= 1024 && n % 1024 === 0 ? `${n / 1024} KiB` : `${n} bytes`);

/** What a persistent fault means for the operator. */
export function problemText(problem: McuProblem, options: { readonly maxFrameBytes?: number }): string {
  switch (problem) {
    case 'frame_too_large':
      return `an events frame from the MCU was larger than the driver's limit (${bytes(options.maxFrameBytes ?? 1024 * 1024)}): rosters cannot be read`;
  }
}

/** Why actions cannot run now, e.g. "disconnected since 10:02:03; retrying in 4 s". */
export function whyNotReady(status: McuStatus, since: number, nextRetryAt: number | null, now: number): string {
  const at = clock(since);
  const retry = nextRetryAt !== null ? `; retrying in ${seconds(nextRetryAt - now)}` : '';
  switch (status.state) {
    case 'none':
      return status.message;
    case 'connecting':
      return status.problem ? `connecting since ${at}, ${status.message}` : `connecting since ${at}`;
    case 'ok':
      return 'not configured';
    case 'disconnected':
      return `disconnected since ${at}${retry}`;
    case 'auth_failed':
      return `credentials refused since ${at}${retry}`;
    case 'bad_config':
      return `bad configuration: ${status.message}`;
  }
}
