import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../../shared/api/permissions.js';
import { formatAge, formatDateTime } from '../../i18n/format.js';
import { localeOf } from '../../i18n/index.js';
import { useClockStore } from '../../stores/clock-store.js';
import { useConnectionStore } from '../../stores/connection-store.js';
import { MONITORING_REFRESH_MS } from '../../stores/monitoring-poll.js';
import { useMonitoringStore } from '../../stores/monitoring-store.js';
import { useNetworkStore } from '../../stores/network-store.js';
import { StatusGlyph } from '../../theme/status-glyph.js';
import { assessPoller, compactFigures, fullFigures, type Figure, type PollerAssessment } from './poller-model.js';

/** Calm: a small grey pulse line, the poller's heartbeat. */
function PulseGlyph({ label }: { readonly label: string }) {
  return (
    <svg className="glyph" width={14} height={12} viewBox="0 0 14 12" role="img" aria-label={label} data-glyph="poller">
      <title>{label}</title>
      <path d="M0.5 6.5 H3.5 L5 2.5 L7.5 10 L9.2 5 L10.2 6.5 H13.5" fill="none" stroke="var(--bp-text-dim)" strokeWidth={1.3} strokeLinejoin="round" />
    </svg>
  );
}

function LeadGlyph({ a, label }: { readonly a: PollerAssessment; readonly label: string }) {
  if (a.reasons.includes('unreachable')) return <StatusGlyph kind="down" label={label} />;
  if (a.level === 'attention') return <StatusGlyph kind="degraded" label={label} />;
  return <PulseGlyph label={label} />;
}

/** Figures into grid cells: a joined figure shares the cell of the one before it. */
function cells(figures: readonly Figure[]): Figure[][] {
  const out: Figure[][] = [];
  for (const f of figures) {
    if (f.joined && out.length > 0) out[out.length - 1]!.push(f);
    else out.push([f]);
  }
  return out;
}

/**
 * The poller in the top bar: cycle p99, polls/s, overruns, timeouts, endpoints backed off and
 * traps received / rejected, with the age of the figures; calm grey unless overruns grow, traps
 * are rejected or the engine does not answer (then a colour, a shape and a word). A click opens
 * the full figures; Escape or a click elsewhere closes them. The figures in the bar are a
 * technician's detail: operators and supervisors see the state (and its word when it needs
 * attention) and open the figures on demand, which keeps their top bar on one line.
 */
export function PollerIndicator() {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const stats = useMonitoringStore((s) => s.stats);
  const fetchedAt = useMonitoringStore((s) => s.fetchedAt);
  const error = useMonitoringStore((s) => s.error);
  const history = useMonitoringStore((s) => s.history);
  const timezone = useNetworkStore((s) => s.network?.timezone ?? 'Asia/Ho_Chi_Minh');
  const now = useClockStore((s) => s.now);
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent): void => {
      if (rootRef.current && !rootRef.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  const a = assessPoller({ stats, fetchedAt, error, history }, now);
  const fetchedIso = fetchedAt === null ? null : new Date(fetchedAt).toISOString();
  const age = fetchedIso ? formatAge(fetchedIso, now, t) : null;
  const word =
    a.level === 'attention' ? t(`poller.word.${a.reasons[0]!}`) : a.level === 'off' ? t('poller.off') : a.level === 'waiting' ? t('poller.waiting') : t('poller.calm');
  // Whoever keeps the engine (may reload its inventory: technicians) reads its figures in the bar.
  const keepsEngine = can(useConnectionStore((s) => s.identity), 'reloadInventory');
  const compact = stats && keepsEngine ? compactFigures(stats, a, t, locale) : [];
  const title = [
    t('poller.label'),
    ...a.reasons.map((r) => t(`poller.reason.${r}`)),
    ...(stats ? fullFigures(stats, a, t, locale).flatMap((g) => g.figures.map((f) => `${t(`poller.figure.${f.key}`)}: ${f.value}`)) : []),
    fetchedIso ? t('poller.measuredAt', { time: formatDateTime(fetchedIso, timezone), age }) : t('poller.never'),
    error ? t('poller.error', { message: error }) : null,
  ]
    .filter(Boolean)
    .join('\n');

  return (
    <div
      ref={rootRef}
      className="poller"
      data-testid="poller"
      data-level={a.level}
      data-reasons={a.reasons.join(' ')}
      data-stale={a.stale}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          e.nativeEvent.stopImmediatePropagation();
          setOpen(false);
        }
      }}
    >
      <button type="button" className="poller__button" aria-expanded={open} aria-controls={panelId} title={title} onClick={() => setOpen(!open)}>
        <LeadGlyph a={a} label={word} />
        <span className={a.level === 'ok' ? 'poller__word visually-hidden' : 'poller__word'} data-attention={a.level === 'attention'} data-testid="poller-word">
          {word}
        </span>
        {compact.length > 0 && (
          <span className="poller__figs" data-testid="poller-figures">
            {cells(compact).map((cell) => (
              <span key={cell[0]!.key} className="poller__cell">
                {cell.map((f) => (
                  <span key={f.key} className="poller__fig" data-figure={f.key} data-attention={f.attention ?? false}>
                    {f.joined && <span className="poller__label">{' · '}</span>}
                    {!f.bare && <span className="poller__label">{`${t(`poller.short.${f.key}`)} `}</span>}
                    <span className="poller__value num">{f.value}</span>
                  </span>
                ))}
              </span>
            ))}
          </span>
        )}
        {age !== null && (
          <span className="poller__age num" data-testid="poller-age">
            {age}
          </span>
        )}
      </button>
      {open && (
        <div id={panelId} className="poller__panel" role="region" aria-label={t('poller.label')} data-testid="poller-panel">
          <p className="poller__panel-head">
            <span className="poller__panel-time">{fetchedIso ? t('poller.measuredAt', { time: formatDateTime(fetchedIso, timezone), age }) : t('poller.never')}</span>
            <span className="faint">{t('poller.refresh', { n: MONITORING_REFRESH_MS / 1000 })}</span>
          </p>
          {error && <p className="poller__panel-error">{t('poller.error', { message: error })}</p>}
          {stats === null && fetchedAt !== null && <p className="faint">{t('poller.offLong')}</p>}
          {stats &&
            fullFigures(stats, a, t, locale).map((g) => (
              <section key={g.key} className="poller__group" data-stale={a.stale}>
                <h3 className="details__section">{t(`poller.group.${g.key}`)}</h3>
                <dl className="kv">
                  {g.figures.map((f) => (
                    <div key={f.key} className="poller__row" data-figure={f.key} data-attention={f.attention ?? false}>
                      <dt>{t(`poller.figure.${f.key}`)}</dt>
                      <dd className="num">{f.value}</dd>
                    </div>
                  ))}
                </dl>
              </section>
            ))}
        </div>
      )}
    </div>
  );
}
