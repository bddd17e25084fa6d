import { useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isLayout, LAYOUTS, type Conference, type Layout, type ReportedLayout } from '../../../shared/conference.js';
import { useConferenceStore } from '../../stores/conference-store.js';
import { controlKey } from '../../stores/conference-pending.js';
import { ControlErrorNote } from './control-error.js';
import { layoutName } from '../../i18n/layout-words.js';
import { LayoutThumb } from './layout-thumb.js';
import type { Shown } from './session-model.js';

/**
 * The conference layout as a grid of drawn thumbnails (a radio group): the MCU's current layout is
 * checked; a requested one is marked pending until the MCU reports it. Arrow keys move, Enter or
 * Space chooses. A layout the MCU reports that the console cannot set or draw is shown above the
 * choices by its own name, with a generic picture, and none of the choices is checked.
 */
export function LayoutPicker({ conference, shown, reason }: { readonly conference: Conference; readonly shown: Shown<ReportedLayout | null>; readonly reason: string | null }) {
  const { t } = useTranslation();
  const error = useConferenceStore((s) => s.errors.get(controlKey(conference.id, null, 'layout')));
  const ref = useRef<HTMLDivElement>(null);
  const disabled = reason !== null;
  const current = shown.value;
  const other = current !== null && !isLayout(current) ? current : null;
  const focusable = current !== null && isLayout(current) ? current : LAYOUTS[0];

  const choose = (layout: Layout): void => {
    if (disabled || (layout === current && !shown.pending)) return;
    void useConferenceStore.getState().setLayout(conference.id, null, layout, conference.name);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const buttons = [...(ref.current?.querySelectorAll<HTMLButtonElement>('button[data-layout]') ?? [])];
    const i = buttons.indexOf(e.target as HTMLButtonElement);
    if (i < 0) return;
    const cols = 4;
    const moves: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: cols, ArrowUp: -cols };
    if (e.key in moves) {
      e.preventDefault();
      buttons[Math.max(0, Math.min(buttons.length - 1, i + moves[e.key]!))]?.focus();
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      buttons[e.key === 'Home' ? 0 : buttons.length - 1]?.focus();
    }
  };

  return (
    <section className="panel-section" aria-labelledby="layout-picker-title" data-testid="layout-picker">
      <h3 className="details__section" id="layout-picker-title">
        {t('session.layout.title')}
      </h3>
      {other !== null && (
        <p className="layout-other" data-testid="layout-other" data-layout={other}>
          <LayoutThumb layout={other} label={other} width={56} />
          <span>{t('session.layoutOther.current', { name: other })}</span>
        </p>
      )}
      <div ref={ref} className="layout-grid" role="radiogroup" aria-labelledby="layout-picker-title" onKeyDown={onKeyDown} title={disabled ? (reason ?? '') : undefined}>
        {LAYOUTS.map((l) => {
          const checked = l === current;
          const name = t(`session.layout.${l}`);
          return (
            <button
              key={l}
              type="button"
              role="radio"
              aria-checked={checked}
              className="layout-option"
              data-layout={l}
              data-current={l === conference.layout}
              data-pending={checked && shown.pending}
              data-testid={`layout-${l}`}
              disabled={disabled}
              tabIndex={l === focusable ? 0 : -1}
              title={`${name} · ${t(`session.layoutHint.${l}`)} (${l})`}
              onClick={() => choose(l)}
            >
              <LayoutThumb layout={l} label={name} width={56} />
              <span className="layout-option__name">{name}</span>
            </button>
          );
        })}
      </div>
      {shown.pending && <p className="panel-note faint">{t('session.layout.pending', { layout: layoutName(current ?? 'automatic', t) })}</p>}
      <ControlErrorNote error={error} testId="conference-layout-error" onDismiss={() => useConferenceStore.getState().clearError(controlKey(conference.id, null, 'layout'))} />
    </section>
  );
}
