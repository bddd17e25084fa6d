/**
 * Search text the way operators type it: without diacritics, in any case. Vietnamese tone and
 * vowel marks fold away ("Chợ Rã" → "cho ra"), and đ/Đ, which is a letter of its own rather than
 * d plus a mark, folds to d.
 */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** The query's words, folded; an empty array for a blank query. */
export function foldQuery(query: string): readonly string[] {
  const folded = foldText(query);
  return folded ? folded.split(' ') : [];
}

/**
 * Whether `text` matches `query`: every word of the query appears in the text, diacritics and
 * case ignored. A blank query matches everything.
 */
export function matchesFolded(text: string, query: string | readonly string[]): boolean {
  const words = typeof query === 'string' ? foldQuery(query) : query;
  if (words.length === 0) return true;
  const hay = foldText(text);
  return words.every((w) => hay.includes(w));
}
