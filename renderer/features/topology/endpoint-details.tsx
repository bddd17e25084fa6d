import { useTranslation } from 'react-i18next';
import type { SiteView } from '../../../shared/inventory.js';
import type { EndpointStatus } from '../../../shared/status.js';
import { formatDateTime, formatDuration, formatNumber, hostPort } from '../../i18n/format.js';
import { localeOf } from '../../i18n/index.js';
import { useEventsStore } from '../../stores/events-store.js';
import { useNetworkStore } from '../../stores/network-store.js';
import { useStatusStore } from '../../stores/status-store.js';
import { StatusGlyph } from '../../theme/status-glyph.js';
import { needsAttention, statusKind } from '../../theme/status-kind.js';
import { Age } from './age.js';
import { downAncestor, unreachableBehind, type Behind } from './unreachable-behind.js';

type EndpointView = SiteView['endpoints'][number];

/** The measured fields of EndpointStatus, in the order an operator reads them, with their units. */
const NUMERIC: readonly { key: keyof EndpointStatus & string; unit: 'kbps' | 'pct' | 'ms' | 'bps'; digits: number }[] = [
  { key: 'bitrateKbps', unit: 'kbps', digits: 0 },
  { key: 'packetLossPct', unit: 'pct', digits: 2 },
  { key: 'jitterMs', unit: 'ms', digits: 1 },
  { key: 'latencyMs', unit: 'ms', digits: 1 },
  { key: 'rxBps', unit: 'bps', digits: 0 },
  { key: 'txBps', unit: 'bps', digits: 0 },
];

interface Row {
  readonly key: string;
  readonly value: string;
  readonly attention?: boolean;
  /** When the field was measured; undefined for fields that are not measurements. */
  readonly at?: string | null;
  readonly glyph?: ReturnType<typeof statusKind>;
  /** For an unreachable endpoint: the down site it is behind. */
  readonly behind?: Behind | null;
}

const NO_SITES: ReadonlyMap<string, SiteView> = new Map();

/** Behind which site this endpoint is unreachable (null when it is not unreachable, or not known). */
function useBehind(status: EndpointStatus | undefined): Behind | null {
  const unreachable = status?.reachability === 'unreachable';
  const sitesById = useNetworkStore((s) => s.index?.sitesById ?? NO_SITES);
  const siteEvents = useEventsStore((s) => s.site.events);
  const recent = useEventsStore((s) => s.recent);
  const derived = useStatusStore((s) => (unreachable && status ? downAncestor(status.siteId, sitesById, s.statuses) : null));
  if (!unreachable || !status) return null;
  return unreachableBehind(status.endpointId, [siteEvents, recent], sitesById, derived);
}

/** One endpoint: where it is, what it is, and every field of its status with unit and age. */
export function EndpointDetails({ endpoint, timezone }: { readonly endpoint: EndpointView; readonly timezone: string }) {
  const { t, i18n } = useTranslation();
  const status = useStatusStore((s) => s.statuses.get(endpoint.id));
  const locale = localeOf(i18n.language);
  const none = t('value.none');
  const yesNo = (v: boolean | null): string => (v === null ? none : t(v ? 'value.yes' : 'value.no'));
  const measured = (field: string): string | null => status?.measuredAt[field] ?? null;
  const behind = useBehind(status);
  const stale = status?.stale ?? false;

  const rows: Row[] = [];
  if (status) {
    const kind = statusKind(status);
    rows.push({
      key: 'reachability',
      value: t(`status.${status.reachability}`),
      at: measured('reachability'),
      glyph: kind,
      attention: needsAttention(kind),
      behind,
    });
    rows.push({ key: 'uptimeS', value: formatDuration(status.uptimeS, t) ?? none, at: measured('uptimeS') });
    rows.push({ key: 'inCall', value: yesNo(status.inCall), at: measured('inCall') });
    rows.push({ key: 'remoteSite', value: status.remoteSite ?? none, at: measured('remoteSite') });
    rows.push({ key: 'conferenceId', value: status.conferenceId ?? none, at: measured('conferenceId') });
    rows.push({ key: 'audioMuted', value: yesNo(status.audioMuted), at: measured('audioMuted') });
    rows.push({ key: 'videoMuted', value: yesNo(status.videoMuted), at: measured('videoMuted') });
    rows.push({ key: 'micMuted', value: yesNo(status.micMuted), at: measured('micMuted') });
    for (const f of NUMERIC) {
      const n = formatNumber(status[f.key] as number | null, locale, f.digits);
      rows.push({ key: f.key, value: n === null ? none : `${n}\u00a0${t(`unit.${f.unit}`)}`, at: measured(f.key) });
    }
    rows.push({
      key: 'ifOperUp',
      value: status.ifOperUp === null ? none : t(status.ifOperUp ? 'value.ifUp' : 'value.ifDown'),
      at: measured('ifOperUp'),
      attention: status.ifOperUp === false,
    });
    rows.push({ key: 'degraded', value: yesNo(status.degraded), at: measured('degraded'), attention: status.degraded });
    rows.push({ key: 'stale', value: yesNo(status.stale), at: measured('stale'), attention: status.stale });
    rows.push({ key: 'updatedAt', value: formatDateTime(status.updatedAt, timezone) ?? none, at: status.updatedAt });
  }

  return (
    <section className="endpoint" data-endpoint-id={endpoint.id} data-stale={stale}>
      <h4 className="endpoint__name">
        <StatusGlyph kind={statusKind(status)} label={t(`status.${statusKind(status)}`)} />
        {endpoint.name}
      </h4>
      {stale && status && (
        <p className="stale-marker" role="status" data-testid="stale-marker">
          <StatusGlyph kind="stale" label={t('status.stale')} size={14} />
          <span className="stale-marker__word">{t('details.staleWord')}</span>
          <span>
            {t('details.staleNote', { status: t(`status.${status.reachability}`) })} <Age at={status.measuredAt['reachability'] ?? status.updatedAt} />
          </span>
        </p>
      )}
      <dl className="kv">
        <dt>{t('details.address')}</dt>
        <dd className="mono">{hostPort(endpoint.host, endpoint.port)}</dd>
        <dt>{t('details.profile')}</dt>
        <dd className="mono">{endpoint.profile}</dd>
        <dt>{t('details.uri')}</dt>
        <dd className="mono">{endpoint.uri ?? none}</dd>
      </dl>
      {status ? (
        <table className="metrics" data-stale={stale}>
          <thead>
            <tr>
              <th scope="col">{t('details.field')}</th>
              <th scope="col">{t('details.value')}</th>
              <th scope="col" className="metrics__age">
                {t('details.age')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} data-field={r.key} data-attention={r.attention ?? false}>
                <td>{t(`field.${r.key}`)}</td>
                <td className="metrics__value">
                  {r.glyph && <StatusGlyph kind={r.glyph} label={t(`status.${r.glyph}`)} />} <span className="metrics__text">{r.value}</span>
                  {r.behind && (
                    <span className="metrics__behind" data-testid="unreachable-behind" data-site-id={r.behind.siteId} data-from={r.behind.from}>
                      {t('details.behind', { site: r.behind.name })}
                    </span>
                  )}
                </td>
                <td className="metrics__age">{r.at === undefined ? none : <Age at={r.at} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="faint">{t('details.noStatus')}</p>
      )}
    </section>
  );
}
