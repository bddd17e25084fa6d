import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { NetworkView } from '../../../shared/inventory.js';
import type { Readiness } from '../../../shared/schedule/api.js';
import { formatAge } from '../../i18n/format.js';
import { useClockStore } from '../../stores/clock-store.js';
import { StatusGlyph } from '../../theme/status-glyph.js';
import { isStale, isUrgentPhase, siteNameOf } from './schedule-words.js';

type Tri = boolean | null;

/** The engine's reasons for a site not being ready, in words; unknown ones as the engine wrote them. */
const REASONS: ReadonlyArray<[RegExp, string]> = [
  [/^the site has no endpoint in the inventory$/, 'schedule.reason.noEndpoint'],
  [/^the endpoint has no SIP address to dial$/, 'schedule.reason.noUri'],
  [/^the codec does not answer \(down\)$/, 'schedule.reason.down'],
  [/^unreachable: a site above it is down$/, 'schedule.reason.unreachable'],
  [/^not measured yet$/, 'schedule.reason.unmeasured'],
  [/^the MCU is not connected \((.*)\)$/, 'schedule.reason.mcu'],
  [/^in another conference: (.*)$/, 'schedule.reason.busy'],
];

export function reasonText(reason: string, t: TFunction): string {
  for (const [re, key] of REASONS) {
    const m = re.exec(reason);
    if (m) return t(key, { what: m[1] ?? '' });
  }
  return reason;
}

function Yes({ value, yes, no, unknown }: { readonly value: Tri; readonly yes: string; readonly no: string; readonly unknown: string }) {
  const word = value === null ? unknown : value ? yes : no;
  return (
    <span className="yn" data-value={value === null ? 'unknown' : String(value)}>
      <StatusGlyph kind={value === null ? 'unknown' : value ? 'up' : 'down'} label={word} size={10} muted={value === true} />
      <span>{word}</span>
    </span>
  );
}

/**
 * The readiness board of a meeting (issue 6, item 5): a row per participant site: reachable now,
 * the MCU able to dial it, not busy in another conference, and ready; a site that is not ready is
 * drawn in the attention colour with a triangle and the word, with the reasons. The check's age
 * is shown, and an old report is drawn stale.
 */
export function ReadinessBoard({ readiness, network, error, onRecheck }: { readonly readiness: Readiness | undefined; readonly network: NetworkView | null; readonly error: string | null; readonly onRecheck: () => void }) {
  const { t } = useTranslation();
  const now = useClockStore((s) => s.now);
  if (!readiness) {
    return (
      <section className="readiness" data-testid="readiness-board" data-state="none" aria-label={t('schedule.readiness.title')}>
        <header className="panel-head">
          <h3>{t('schedule.readiness.title')}</h3>
          <button type="button" className="link-button" onClick={onRecheck}>
            {t('schedule.readiness.recheck')}
          </button>
        </header>
        <p className="faint">{error ? t('schedule.readiness.error', { message: error }) : t('schedule.readiness.none')}</p>
      </section>
    );
  }
  const stale = isStale(readiness, now);
  // Outside the 30 minutes before the start a check is information, not an alarm: the words stay, the colour waits.
  const urgent = isUrgentPhase(readiness.phase);
  const sorted = [...readiness.sites].sort((a, b) => Number(a.ready) - Number(b.ready));
  return (
    <section className="readiness" data-testid="readiness-board" data-phase={readiness.phase} data-stale={stale} aria-label={t('schedule.readiness.title')}>
      <header className="panel-head">
        <h3>{t('schedule.readiness.title')}</h3>
        <span className="readiness__summary num" data-testid="readiness-summary" data-ready={readiness.ready} data-not-ready={readiness.notReady}>
          {t('schedule.readiness.summary', { ready: readiness.ready, notReady: readiness.notReady })}
        </span>
        <span className="faint" data-stale={stale}>
          {stale && <StatusGlyph kind="stale" label={t('status.stale')} size={10} />} {t('schedule.readiness.checked', { age: formatAge(readiness.checkedAt, now, t) })}
        </span>
        <button type="button" className="link-button" onClick={onRecheck}>
          {t('schedule.readiness.recheck')}
        </button>
      </header>
      <p className="faint readiness__phase">{t(`schedule.readiness.phase.${readiness.phase}`)}</p>
      {error && <p className="form-error">{t('schedule.readiness.error', { message: error })}</p>}
      <table className="dense readiness__table">
        <thead>
          <tr>
            <th scope="col">{t('schedule.readiness.site')}</th>
            <th scope="col">{t('schedule.readiness.reachable')}</th>
            <th scope="col">{t('schedule.readiness.mcu')}</th>
            <th scope="col">{t('schedule.readiness.busy')}</th>
            <th scope="col">{t('schedule.readiness.ready')}</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((s) => (
            <tr key={s.siteId} data-testid="readiness-row" data-site-id={s.siteId} data-ready={s.ready} data-attention={!s.ready && !stale && urgent}>
              <th scope="row">{siteNameOf(network, s.siteId) ?? s.siteId}</th>
              <td>
                <Yes value={s.reachable} yes={t('schedule.readiness.yes')} no={t('schedule.readiness.unreachable')} unknown={t('schedule.readiness.unknown')} />
              </td>
              <td>
                <Yes value={s.mcuReady} yes={t('schedule.readiness.yes')} no={t('schedule.readiness.no')} unknown={t('schedule.readiness.unknown')} />
              </td>
              <td>{s.busyIn ? <span className="busy">{t('schedule.readiness.busyIn', { conference: s.busyIn })}</span> : <span className="faint">{t('schedule.readiness.free')}</span>}</td>
              <td className="readiness__verdict">
                {s.ready ? (
                  <span className="yn" data-value="true">
                    <StatusGlyph kind="up" label={t('schedule.readiness.readyWord')} size={10} muted />
                    <span>{t('schedule.readiness.readyWord')}</span>
                  </span>
                ) : (
                  <span className="not-ready">
                    <StatusGlyph kind={stale ? 'stale' : 'down'} label={t('schedule.readiness.notReadyWord')} size={10} muted={!urgent} />
                    <span>{t('schedule.readiness.notReadyWord')}</span>
                  </span>
                )}
                {!s.ready && s.reasons.length > 0 && <div className="not-ready__why">{s.reasons.map((r) => reasonText(r, t)).join('; ')}</div>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
