/**
 * The key two spellings of one SIP address share: scheme dropped ("sip:", "sips:", "h323:"),
 * URI parameters and headers dropped (";transport=tls", "?x=y"), display-name brackets removed,
 * case folded. MCUs report remote parties in many spellings; the inventory holds one.
 */
export function sipKey(uri: string): string {
  let s = uri.trim();
  const bracket = /<([^>]*)>/.exec(s);
  if (bracket) s = bracket[1]!;
  s = s.replace(/^(sips?|h323|tel):/i, '');
  s = s.split(/[;?]/)[0]!;
  return s.toLowerCase();
}
