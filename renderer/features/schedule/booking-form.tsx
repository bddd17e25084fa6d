import { errorWords } from '../../i18n/error-words.js';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { layoutName } from '../../i18n/layout-words.js';
import { LAYOUTS, type Layout } from '../../../shared/conference.js';
import type { NetworkView } from '../../../shared/inventory.js';
import type { BookingOutcome } from '../../../shared/schedule/api.js';
import { LIMITS, MEETING_KINDS, chairLevelsFor, type MeetingKind } from '../../../shared/schedule/meeting.js';
import { WEEKDAYS } from '../../../shared/schedule/zoned-time.js';
import { scheduleApiOf } from '../../stores/schedule-store.js';
import { StatusGlyph } from '../../theme/status-glyph.js';
import { DiscardDialog, useCloseGuard } from './close-guard.js';
import { localProblems, toRequest, withEmergency, type BookingForm, type FormField } from './booking-form-model.js';
import { EmergencyGlyph } from './schedule-glyphs.js';
import { ParticipantPicker } from './participant-picker.js';
import { useLiveCheck } from './use-live-check.js';
import { ViolationList } from './violation-list.js';
import { chairLevelName, tierName } from './violation-text.js';

export interface BookingDialogProps {
  readonly initial: BookingForm;
  readonly network: NetworkView;
  /** Why the operator cannot book (null: can). */
  readonly blocked: string | null;
  readonly onClose: () => void;
  /** The engine accepted the booking or the edit. */
  readonly onBooked: (outcome: BookingOutcome) => void;
}

function Field({ label, children, problem, wide = false }: { readonly label: string; readonly children: ReactNode; readonly problem?: string | null; readonly wide?: boolean }) {
  return (
    <label className="field" data-wide={wide} data-problem={problem ? 'true' : 'false'}>
      <span className="field__label">{label}</span>
      {children}
      {problem && <span className="field__problem">{problem}</span>}
    </label>
  );
}

/**
 * The booking form (issue 6, item 4): every field of a meeting; participants one by one or as
 * groups; the verdict of the rules shown live as it is filled (a debounced dry run), each
 * violation in words with its data; submit books (or saves the edit), and a refusal is shown the
 * same way. An emergency needs its reason (and is an extraordinary meeting unless another kind
 * is chosen). Escape, the close button and Cancel close it, asking first when something was
 * typed (wherever the focus is: Escape is heard on the document too).
 */
export function BookingDialog({ initial, network, blocked, onClose, onBooked }: BookingDialogProps) {
  const { t } = useTranslation();
  const [form, setForm] = useState<BookingForm>(initial);
  const [submitting, setSubmitting] = useState(false);
  const [refusal, setRefusal] = useState<BookingOutcome | null>(null);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const check = useLiveCheck(form);
  const titleRef = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const headingId = useId();
  const editing = form.id !== null;
  const problems = localProblems(form);
  const problemOf = (f: FormField): string | null => {
    const p = problems.find((x) => x.field === f);
    return p ? t(p.key, p.data ?? {}) : null;
  };
  const set = <K extends keyof BookingForm>(key: K, value: BookingForm[K]): void => {
    setForm((f) => ({ ...f, [key]: value }));
    setRefusal(null);
  };
  const update = (f: BookingForm): void => {
    setForm(f);
    setRefusal(null);
  };

  useEffect(() => titleRef.current?.focus(), []);

  const guard = useCloseGuard(initial, form, formRef, onClose);
  const requestClose = guard.requestClose;

  const submit = async (): Promise<void> => {
    setSubmitting(true);
    setSubmitError(null);
    try {
      const api = scheduleApiOf();
      if (!api) throw new Error(t('schedule.offline'));
      const request = toRequest(form);
      const outcome = editing ? await api.call('editMeeting', { request }) : await api.call('bookMeeting', { request });
      if (outcome.ok) onBooked(outcome);
      else setRefusal(outcome);
    } catch (e) {
      setSubmitError(errorWords(e));
    } finally {
      setSubmitting(false);
    }
  };

  const verdict = check.outcome;
  const kinds = MEETING_KINDS;
  const levels = chairLevelsFor(network.tiers);
  return (
    <div className="dialog-backdrop" data-testid="booking-backdrop">
      <form
        ref={formRef}
        className="dialog booking"
        role="dialog"
        aria-modal="true"
        aria-labelledby={headingId}
        data-testid="booking-form"
        data-editing={editing}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            requestClose();
          }
        }}
      >
        <header className="dialog__head">
          <h2 id={headingId}>{editing ? t('schedule.form.editTitle') : t('schedule.form.newTitle')}</h2>
          <button type="button" className="icon-button" onClick={requestClose} aria-label={t('schedule.form.close')} title={t('schedule.form.close')} data-testid="booking-close">
            ×
          </button>
        </header>
        <div className="booking__body">
          <div className="booking__fields">
            <Field label={t('schedule.field.title')} wide>
              <input ref={titleRef} type="text" value={form.title} maxLength={LIMITS.title} aria-required="true" onChange={(e) => set('title', e.target.value)} data-testid="field-title" />
            </Field>
            <Field label={t('schedule.field.hostBody')} wide>
              <input type="text" value={form.hostBody} maxLength={LIMITS.hostBody} aria-required="true" onChange={(e) => set('hostBody', e.target.value)} data-testid="field-hostBody" list="schedule-host-bodies" />
            </Field>
            <datalist id="schedule-host-bodies">
              {network.sites
                .filter((s) => s.tier === network.tiers[0])
                .map((s) => (
                  <option key={s.id} value={s.name} />
                ))}
            </datalist>
            <Field label={t('schedule.field.kind')}>
              <select value={form.kind} onChange={(e) => set('kind', e.target.value as MeetingKind)} data-testid="field-kind">
                {kinds.map((k) => (
                  <option key={k} value={k}>
                    {t(`schedule.kind.${k}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('schedule.field.chairLevel')}>
              <select value={form.chairLevel} onChange={(e) => set('chairLevel', e.target.value)} data-testid="field-chairLevel">
                {levels.map((l) => (
                  <option key={l} value={l}>
                    {chairLevelName(l, t)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('schedule.field.hostSiteId')}>
              <select value={form.hostSiteId} onChange={(e) => set('hostSiteId', e.target.value)} data-testid="field-hostSiteId">
                {network.tiers.map((tier) => (
                  <optgroup key={tier} label={tierName(tier, t)}>
                    {network.sites
                      .filter((s) => s.tier === tier)
                      .map((s) => (
                        <option key={s.id} value={s.id}>
                          {s.name}
                        </option>
                      ))}
                  </optgroup>
                ))}
              </select>
            </Field>
            <Field label={t('schedule.field.room')}>
              <input type="text" value={form.room} maxLength={LIMITS.room} aria-required="true" onChange={(e) => set('room', e.target.value)} data-testid="field-room" />
            </Field>
            <Field label={t('schedule.field.date')} problem={problemOf('date')}>
              <input type="text" inputMode="numeric" placeholder="dd/MM/yyyy" value={form.date} onChange={(e) => set('date', e.target.value)} data-testid="field-date" />
            </Field>
            <div className="field-pair">
              <Field label={t('schedule.field.start')} problem={problemOf('startTime')}>
                <input type="text" inputMode="numeric" placeholder="HH:mm" value={form.startTime} onChange={(e) => set('startTime', e.target.value)} data-testid="field-startTime" />
              </Field>
              <Field label={t('schedule.field.end')} problem={problemOf('endTime')}>
                <input type="text" inputMode="numeric" placeholder="HH:mm" value={form.endTime} onChange={(e) => set('endTime', e.target.value)} data-testid="field-endTime" />
              </Field>
            </div>
            <Field label={t('schedule.field.defaultLayout')}>
              <select value={form.defaultLayout} onChange={(e) => set('defaultLayout', e.target.value as Layout)} data-testid="field-defaultLayout">
                {LAYOUTS.map((l) => (
                  <option key={l} value={l}>
                    {layoutName(l, t)}
                  </option>
                ))}
              </select>
            </Field>
            <div className="field field--wide emergency-field" data-on={form.emergency}>
              <label className="check">
                <input type="checkbox" checked={form.emergency} onChange={(e) => update(withEmergency(form, e.target.checked))} data-testid="field-emergency" />
                <EmergencyGlyph label={t('schedule.emergency')} />
                <span>{t('schedule.form.emergency')}</span>
              </label>
              <span className="faint">{t('schedule.form.emergencyHint')}</span>
              {form.emergency && (
                <Field label={t('schedule.field.emergencyReason')} problem={problemOf('emergencyReason')} wide>
                  <input type="text" value={form.emergencyReason} maxLength={LIMITS.emergencyReason} aria-required="true" onChange={(e) => set('emergencyReason', e.target.value)} data-testid="field-emergencyReason" />
                </Field>
              )}
            </div>
            <div className="field field--wide recurrence-field">
              <label className="check">
                <input type="checkbox" checked={form.recurring} onChange={(e) => set('recurring', e.target.checked)} data-testid="field-recurring" />
                <span>{t('schedule.form.recurring')}</span>
              </label>
              {form.recurring && (
                <div className="recurrence-field__body">
                  <label className="inline">
                    {t('schedule.form.every')}
                    <select value={form.every} onChange={(e) => set('every', Number(e.target.value))} data-testid="field-every">
                      {[1, 2, 3, 4].map((n) => (
                        <option key={n} value={n}>
                          {t('schedule.form.weeks', { count: n })}
                        </option>
                      ))}
                    </select>
                  </label>
                  <span className="weekday-toggles" role="group" aria-label={t('schedule.form.weekdays')}>
                    {WEEKDAYS.map((d) => (
                      <button
                        key={d}
                        type="button"
                        className="chip-toggle"
                        aria-pressed={form.byWeekday.includes(d)}
                        data-testid={`weekday-${d}`}
                        onClick={() => set('byWeekday', form.byWeekday.includes(d) ? form.byWeekday.filter((x) => x !== d) : [...form.byWeekday, d])}
                      >
                        {t(`schedule.weekdayShort.${d}`)}
                      </button>
                    ))}
                  </span>
                  <span className="inline">
                    <label className="check">
                      <input type="radio" name="endBy" checked={form.endBy === 'count'} onChange={() => set('endBy', 'count')} />
                      {t('schedule.form.countLabel')}
                    </label>
                    <input type="number" min={1} max={LIMITS.occurrences} value={form.count} disabled={form.endBy !== 'count'} onChange={(e) => set('count', Math.max(1, Number(e.target.value) || 1))} className="narrow" data-testid="field-count" />
                    <label className="check">
                      <input type="radio" name="endBy" checked={form.endBy === 'until'} onChange={() => set('endBy', 'until')} />
                      {t('schedule.form.untilLabel')}
                    </label>
                    <input type="text" placeholder="dd/MM/yyyy" value={form.until} disabled={form.endBy !== 'until'} onChange={(e) => set('until', e.target.value)} className="narrow-date" data-testid="field-until" />
                  </span>
                  {problemOf('until') && <span className="field__problem">{problemOf('until')}</span>}
                </div>
              )}
            </div>
            <Field label={t('schedule.field.notes')} wide>
              <textarea value={form.notes} maxLength={LIMITS.notes} rows={2} onChange={(e) => set('notes', e.target.value)} data-testid="field-notes" />
            </Field>
          </div>
          <div className="booking__side">
            <ParticipantPicker form={form} network={network} onChange={update} />
          </div>
        </div>
        <section className="booking__verdict" aria-live="polite" data-testid="booking-verdict" data-state={check.checking ? 'checking' : verdict ? (verdict.ok ? 'ok' : 'refused') : check.error ? 'error' : 'none'}>
          {refusal ? (
            <div data-testid="booking-refusal">
              <ViolationList outcome={refusal} heading={editing ? t('schedule.form.refusedEdit') : t('schedule.form.refused')} testId="refusal-violations" />
            </div>
          ) : verdict ? (
            verdict.ok ? (
              <>
                <p className="verdict-ok">
                  <StatusGlyph kind="up" label={t('schedule.form.verdictOk')} size={11} muted />
                  {t('schedule.form.verdictOk')}
                </p>
                <ViolationList outcome={verdict} />
              </>
            ) : (
              <ViolationList outcome={verdict} heading={t('schedule.form.verdictProblems')} />
            )
          ) : (
            <p className="faint">{check.error ? t('schedule.form.checkFailed', { message: check.error }) : t('schedule.form.checking')}</p>
          )}
          {check.checking && verdict && <p className="faint verdict-checking">{t('schedule.form.checking')}</p>}
          {submitError && (
            <p className="form-error" role="alert" data-testid="booking-error">
              {t('schedule.form.submitFailed', { message: submitError })}
            </p>
          )}
        </section>
        <footer className="dialog__foot">
          {blocked && <span className="faint">{blocked}</span>}
          <span className="dialog__spacer" />
          <button type="button" className="button" onClick={requestClose} data-testid="booking-cancel">
            {t('schedule.form.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={submitting || blocked !== null} data-testid="booking-submit">
            {submitting ? t('schedule.form.submitting') : editing ? t('schedule.form.save') : t('schedule.form.book')}
          </button>
        </footer>
        {guard.asking && <DiscardDialog title={form.title} editing={editing} onDiscard={onClose} onKeep={() => guard.keep(() => titleRef.current?.focus())} />}
      </form>
    </div>
  );
}
