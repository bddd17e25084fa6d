import type { TFunction } from 'i18next';
import { isLayout, LAYOUTS, type Layout, type ReportedLayout } from '../../shared/conference.js';

/**
 * A layout's name, one list for the whole console: the booking form, a meeting's details, the
 * map's drawer and the Live view say the same words for the same layout (issue 13, item 7). The
 * words are the Live view's (`session.layout.*`: what the operator reads while a conference
 * runs); the other features ask here rather than keep lists of their own.
 */
export function layoutName(layout: ReportedLayout, t: TFunction): string {
  // A layout the console has no words for (the MCU's own, e.g. a newer CMS's) is shown by its name.
  return isLayout(layout) ? t(`session.layout.${layout}`) : layout;
}

/** Every layout with its name, in the MCU's order (for a picker). */
export function layoutChoices(t: TFunction): { readonly layout: Layout; readonly name: string }[] {
  return LAYOUTS.map((layout) => ({ layout, name: layoutName(layout, t) }));
}
