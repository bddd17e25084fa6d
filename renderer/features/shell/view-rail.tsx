import './view-rail.css';
import { useEffect, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { can, type Caller } from '../../../shared/api/permissions.js';
import { useConferenceStore } from '../../stores/conference-store.js';
import { useConnectionStore } from '../../stores/connection-store.js';
import { VIEWS, useUiStore, type View } from '../../stores/ui-store.js';
import { StatusGlyph } from '../../theme/status-glyph.js';

/** The rail's glyphs: the network as a small tree, the live sessions as a screen with a speaker. */
function ViewGlyph({ view }: { readonly view: View }) {
  return (
    <svg className="rail__glyph" width={20} height={20} viewBox="0 0 20 20" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth={1.5} strokeLinecap="round">
      {view === 'network' ? (
        <>
          <path d="M3 4.5 H5 M7.5 4.5 H17 M3 10 H5 M7.5 10 H17 M3 15.5 H5 M7.5 15.5 H17" />
        </>
      ) : view === 'map' ? (
        <>
          <circle cx={10} cy={4} r={2} />
          <circle cx={4} cy={16} r={2} />
          <circle cx={10} cy={16} r={2} />
          <circle cx={16} cy={16} r={2} />
          <path d="M10 6 V14 M10 10 H4 V14 M10 10 H16 V14" />
        </>
      ) : view === 'alarms' ? (
        <>
          <path d="M5 14 V9 C5 6 7.2 4 10 4 C12.8 4 15 6 15 9 V14 L16.5 15.5 H3.5 Z" />
          <path d="M8.3 17.3 C8.7 18 9.3 18.3 10 18.3 C10.7 18.3 11.3 18 11.7 17.3 M10 2 V4" />
        </>
      ) : view === 'health' ? (
        <>
          <path d="M2 10.5 H5.5 L7.5 5 L10.5 15 L12.5 8.5 L14 10.5 H18" />
        </>
      ) : view === 'inventory' ? (
        <>
          <rect x={2.5} y={3} width={15} height={14} rx={1.5} />
          <path d="M2.5 7.5 H17.5 M2.5 12 H17.5 M7.5 3 V17" />
        </>
      ) : view === 'accounts' ? (
        <>
          <circle cx={8} cy={6.5} r={3} />
          <path d="M2.5 17 C2.5 12.5 5 11 8 11 C11 11 13.5 12.5 13.5 17 M13.5 4 C15.5 4.3 16.5 5.6 16.5 7 C16.5 8.4 15.5 9.7 13.5 10 M15.5 12 C17 12.6 17.8 14.2 17.8 17" />
        </>
      ) : view === 'audit' ? (
        <>
          <rect x={3.5} y={2.5} width={13} height={15} rx={1.5} />
          <path d="M6.5 6.5 H13.5 M6.5 10 H13.5 M6.5 13.5 H10 M11.5 13.8 L12.8 15 L15 12.5" />
        </>
      ) : view === 'schedule' ? (
        <>
          <rect x={2.5} y={4} width={15} height={13} rx={1.5} />
          <path d="M2.5 8 H17.5 M6.5 2.5 V5.5 M13.5 2.5 V5.5 M6 11 H8 M9 11 H11 M12 11 H14 M6 14 H8 M9 14 H11" />
        </>
      ) : (
        <>
          <rect x={2} y={3.5} width={16} height={11} rx={1.5} />
          <rect x={4} y={5.5} width={7} height={7} rx={0.5} fill="currentColor" stroke="none" />
          <path d="M12.8 6.5 H16 M12.8 9 H16 M12.8 11.5 H16 M7 17 H13" />
        </>
      )}
    </svg>
  );
}

/**
 * The audit log is for technicians and supervisors (operators run sessions and have the Live
 * view's log), and only for those the engine lets read it (not an account scoped to a district).
 * The accounts view is for whoever the contract lets list the users; the inventory view for those
 * who may import one (technicians).
 */
export function viewAllowed(view: View, identity: Caller | null): boolean {
  if (view === 'accounts') return can(identity, 'listUsers');
  if (view === 'inventory') return can(identity, 'previewInventoryImport');
  if (view === 'health') return can(identity, 'getAvailability');
  if (view === 'audit') return identity?.role !== 'operator' && can(identity, 'listAudit');
  return true;
}

/** Alt+1, Alt+2, …: the view at that place on the rail. */
export function viewForKey(e: Pick<globalThis.KeyboardEvent, 'altKey' | 'ctrlKey' | 'metaKey' | 'code' | 'key'>): View | null {
  if (!e.altKey || e.ctrlKey || e.metaKey) return null;
  const digit = /^Digit([1-9])$/.exec(e.code)?.[1] ?? (/^[1-9]$/.test(e.key) ? e.key : null);
  return digit ? (VIEWS[Number(digit) - 1] ?? null) : null;
}

/**
 * The slim rail on the left of the main screen (ui.md): one button per view, the current one
 * marked; Alt+1 / Alt+2 switch from anywhere (written in each button's tooltip), Up/Down move
 * between the buttons. The Live button carries a shape when the MCU needs attention.
 */
export function ViewRail() {
  const { t } = useTranslation();
  const view = useUiStore((s) => s.view);
  const setView = useUiStore((s) => s.setView);
  const mcuState = useConferenceStore((s) => s.view?.mcu.state ?? null);
  const identity = useConnectionStore((s) => s.identity);
  const mcuUnconfirmed = useConferenceStore((s) => s.view?.mcu.state === 'ok' && s.view.mcu.unconfirmed === true);
  const mcuAttention = mcuState === 'disconnected' || mcuState === 'auth_failed' || mcuState === 'bad_config' || mcuUnconfirmed;

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent): void => {
      const v = viewForKey(e);
      if (!v || !viewAllowed(v, useConnectionStore.getState().identity)) return;
      e.preventDefault();
      useUiStore.getState().setView(v);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const onKeyDown = (e: KeyboardEvent<HTMLElement>): void => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const buttons = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('button[data-view]')];
    const i = buttons.indexOf(e.target as HTMLButtonElement);
    if (i < 0) return;
    e.preventDefault();
    buttons[(i + (e.key === 'ArrowDown' ? 1 : buttons.length - 1)) % buttons.length]?.focus();
  };

  return (
    <nav className="rail" aria-label={t('session.rail.label')} data-testid="view-rail" onKeyDown={onKeyDown}>
      {VIEWS.map((v, i) => {
        if (!viewAllowed(v, identity)) return null;
        const label = v === 'audit' ? t('audit.rail') : v === 'accounts' ? t('accounts.rail') : v === 'alarms' ? t('alarms.rail') : v === 'inventory' ? t('inventory.view.rail') : v === 'health' ? t('health.rail') : t(`session.rail.${v}`);
        const title = t('session.rail.key', { label, n: i + 1 });
        return (
          <button
            key={v}
            type="button"
            className="rail__button"
            data-view={v}
            data-testid={`rail-${v}`}
            aria-current={view === v ? 'page' : undefined}
            aria-keyshortcuts={`Alt+${i + 1}`}
            title={title}
            onClick={() => setView(v)}
          >
            <ViewGlyph view={v} />
            <span className="rail__label">{label}</span>
            {v === 'live' && mcuAttention && (
              <span className="rail__badge">
                <StatusGlyph kind="down" label={t('session.rail.mcuAttention', { state: mcuUnconfirmed ? t('session.mcu.unconfirmed') : t(`session.mcu.state.${mcuState}`) })} size={10} />
              </span>
            )}
          </button>
        );
      })}
    </nav>
  );
}
