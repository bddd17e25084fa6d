import { useState } from 'react';
import { useTranslation } from 'react-i18next';

const SHELVE_MINUTES = [15, 60, 240, 480] as const;

interface Props {
  /** "Mất liên lạc tại UBND xã …": what is being shelved, named. */
  readonly title: string;
  readonly onShelve: (reason: string, minutes: number) => void;
  readonly onCancel: () => void;
}

/** Shelving an alarm names it and asks for a reason and a duration (at most the configured maximum). */
export function ShelveForm({ title, onShelve, onCancel }: Props) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [minutes, setMinutes] = useState<number>(60);
  return (
    <form
      className="alarms__shelve"
      data-testid="alarms-shelve"
      onSubmit={(e) => {
        e.preventDefault();
        onShelve(reason, minutes);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
      }}
    >
      <strong>{title}</strong>
      <input autoFocus value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('alarms.reason')} aria-label={t('alarms.reason')} maxLength={500} data-testid="alarms-shelve-reason" />
      <select value={minutes} onChange={(e) => setMinutes(Number(e.target.value))} aria-label={t('alarms.duration')} data-testid="alarms-shelve-minutes">
        {SHELVE_MINUTES.map((m) => (
          <option key={m} value={m}>
            {t('alarms.minutes', { count: m })}
          </option>
        ))}
      </select>
      <button type="submit" data-testid="alarms-shelve-confirm">
        {t('alarms.shelve')}
      </button>
      <button type="button" onClick={onCancel}>
        {t('alarms.cancel')}
      </button>
    </form>
  );
}
