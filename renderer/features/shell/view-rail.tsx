import './view-rail.css';
import { useEffect, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useConferenceStore } from '../../stores/conference-store.js';
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
  const mcuAttention = mcuState === 'disconnected' || mcuState === 'auth_failed' || mcuState === 'bad_config';

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent): void => {
      const v = viewForKey(e);
      if (!v) return;
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
        const label = t(`session.rail.${v}`);
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
                <StatusGlyph kind="down" label={t('session.rail.mcuAttention', { state: t(`session.mcu.state.${mcuState}`) })} size={10} />
              </span>
            )}
          </button>
        );
      })}
    </nav>
  );
}
