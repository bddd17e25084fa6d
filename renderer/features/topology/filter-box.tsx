import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useUiStore } from '../../stores/ui-store.js';

export const FILTER_INPUT_ID = 'site-filter';

interface FilterBoxProps {
  readonly matches: number | null;
  /** Move focus into the tree (ArrowDown), selecting the first match (Enter). */
  readonly onLeave: (select: boolean) => void;
}

/** Filters the tree by site name, diacritics folded. `/` focuses it; Escape clears it. */
export function FilterBox({ matches, onLeave }: FilterBoxProps) {
  const { t } = useTranslation();
  const filter = useUiStore((s) => s.filter);
  const setFilter = useUiStore((s) => s.setFilter);

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      e.preventDefault();
      if (filter) setFilter('');
      else e.currentTarget.blur();
    } else if (e.key === 'ArrowDown' || e.key === 'Enter') {
      e.preventDefault();
      onLeave(e.key === 'Enter');
    }
  };

  return (
    <div className="filter" role="search">
      <label htmlFor={FILTER_INPUT_ID} className="visually-hidden">
        {t('filter.label')}
      </label>
      <input
        id={FILTER_INPUT_ID}
        className="filter__input"
        type="text"
        autoComplete="off"
        spellCheck={false}
        placeholder={t('filter.placeholder')}
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        onKeyDown={onKeyDown}
        data-testid="site-filter"
      />
      {matches !== null && (
        <span className="faint num" aria-live="polite" data-testid="filter-matches">
          {t('filter.matches', { count: matches })}
        </span>
      )}
      {filter && (
        <button type="button" className="filter__clear" onClick={() => setFilter('')} aria-label={t('filter.clear')} title={t('filter.clear')}>
          ×
        </button>
      )}
    </div>
  );
}
