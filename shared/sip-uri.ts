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

/**
 * The address an MCU is asked to dial, in the form Cisco Meeting Server's API reference shows for
 * `remoteParty` (its dial-out example posts `remoteParty=10.1.144.129`; its call records show
 * `sipclient2@example.com`): a bare `user@host`, host or number, without a `sip:`/`sips:`/`tel:`
 * scheme, display name, URI parameters or headers. Case is kept (the user part may be
 * case-sensitive). Null when nothing dialable is left.
 */
export function dialAddress(uri: string): string | null {
  let s = uri.trim();
  const bracket = /<([^>]*)>/.exec(s);
  if (bracket) s = bracket[1]!.trim();
  s = s.replace(/^(sips?|tel):/i, '');
  s = s.split(/[;?]/)[0]!.trim();
  return s === '' ? null : s;
}
