import { useTranslation } from 'react-i18next';
import { parseTextSize, TEXT_SIZES } from '../../../shared/ui-zoom.js';
import { useUiStore } from '../../stores/ui-store.js';
import { useDeskZoom } from './desk-zoom.js';

/**
 * "Cỡ chữ" beside the language: automatic by the window's width (the default), or 100–200 % of
 * the whole console, kept per browser (the ui store's localStorage) or, in the desktop app, per
 * computer. A native select (Tab reaches it, the arrows choose, its list opens under it) laid
 * over a small face: "Aa" and the choice, the choice folded away below 1,400 pixels so the top
 * bar stays on one line on a 1280 desk.
 */
export function TextSizeChoice() {
  const { t } = useTranslation();
  const textSize = useUiStore((s) => s.textSize);
  const autoFactor = useDeskZoom((s) => s.autoFactor);
  const desktop = autoFactor === null;
  const title =
    textSize === 'auto'
      ? desktop
        ? t('textSize.titleAutoDesktop')
        : t('textSize.titleAuto', { percent: Math.round(autoFactor * 100) })
      : t(desktop ? 'textSize.titleFixedDesktop' : 'textSize.titleFixed', { percent: Number(textSize) });
  return (
    <label className="text-size" title={title} data-choice={textSize}>
      <span className="text-size__glyph" aria-hidden="true">
        {t('textSize.glyph')}
      </span>
      <span className="text-size__value" aria-hidden="true">
        {t(`textSize.option.${textSize}`)}
      </span>
      <select
        className="text-size__select"
        data-testid="text-size"
        data-value={textSize}
        value={textSize}
        aria-label={t('textSize.label')}
        onChange={(e) => useUiStore.getState().setTextSize(parseTextSize(e.target.value))}
      >
        {TEXT_SIZES.map((s) => (
          <option key={s} value={s}>
            {t(`textSize.option.${s}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
