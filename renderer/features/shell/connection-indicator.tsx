import { useTranslation } from 'react-i18next';
import { useClockStore } from '../../stores/clock-store.js';
import { useConnectionStore } from '../../stores/connection-store.js';
import type { ConnectionPhase } from '../../api/connection-state.js';

/** Open: calm filled circle; connecting: half-filled ring; closed: red cross in a square. */
function LinkIcon({ phase }: { readonly phase: ConnectionPhase }) {
  return (
    <svg className="glyph" width={12} height={12} viewBox="0 0 12 12" aria-hidden="true" data-glyph={`link-${phase}`}>
      {phase === 'open' && <circle cx={6} cy={6} r={4.5} fill="var(--bp-st-up)" />}
      {phase === 'connecting' && (
        <>
          <circle cx={6} cy={6} r={4.2} fill="none" stroke="var(--bp-st-unknown)" strokeWidth={1.4} />
          <path d="M6 1.8 A4.2 4.2 0 0 1 6 10.2 Z" fill="var(--bp-st-unknown)" />
        </>
      )}
      {phase === 'closed' && (
        <>
          <rect x={1} y={1} width={10} height={10} rx={1.5} fill="var(--bp-st-down)" />
          <path d="M3.8 3.8 L8.2 8.2 M8.2 3.8 L3.8 8.2" stroke="var(--bp-bg)" strokeWidth={1.6} />
        </>
      )}
    </svg>
  );
}

/** The engine link as a word and an icon; while closed, when the next attempt comes. */
export function ConnectionIndicator() {
  const { t } = useTranslation();
  const phase = useConnectionStore((s) => s.link.phase);
  const retryAt = useConnectionStore((s) => s.link.retryAt);
  const protocolErrors = useConnectionStore((s) => s.protocolErrors);
  const now = useClockStore((s) => s.now);
  const retryIn = phase === 'closed' && retryAt !== null ? Math.max(0, Math.ceil((retryAt - now) / 1000)) : null;
  const title = [`${t('connection.label')}: ${t(`connection.${phase}`)}`, protocolErrors > 0 ? t('connection.protocolErrors', { count: protocolErrors }) : null]
    .filter(Boolean)
    .join(' · ');
  return (
    <span className="link-state" role="status" data-testid="connection-state" data-phase={phase} title={title}>
      <LinkIcon phase={phase} />
      {/* Connected is the calm state: the round dot says it, the word stays for screen readers and the tooltip. */}
      <span className={phase === 'open' ? 'visually-hidden' : undefined}>{t(`connection.${phase}`)}</span>
      {retryIn !== null && <span className="link-state__retry">· {t('connection.retryIn', { seconds: retryIn })}</span>}
    </span>
  );
}
