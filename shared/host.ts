/**
 * What may name a codec or a listening address in the inventory: an IPv4 address in dotted
 * decimal, an IPv6 address (optionally with a zone, `fe80::1%eth0`), or a DNS host name
 * (RFC 1123 labels). Pure string rules, so the renderer can use them too.
 */

const IPV4_PART = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`^${IPV4_PART}(?:\\.${IPV4_PART}){3}$`);
const HEX16 = /^[0-9A-Fa-f]{1,4}$/;
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const ZONE = /^[A-Za-z0-9_.-]{1,64}$/;

export function isIPv4(s: string): boolean {
  return IPV4.test(s);
}

export function isIPv6(s: string): boolean {
  const pct = s.indexOf('%');
  if (pct >= 0) {
    if (!ZONE.test(s.slice(pct + 1))) return false;
    s = s.slice(0, pct);
  }
  if (s.length < 2 || s.length > 45) return false;
  const halves = s.split('::');
  if (halves.length > 2) return false;
  const groups = (part: string): string[] | null => (part === '' ? [] : part.split(':'));
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (!head || !tail) return false;
  const all = [...head, ...tail];
  // An embedded IPv4 address (::ffff:192.0.2.1) counts as two groups, and only at the end.
  let count = all.length;
  const last = all[all.length - 1];
  if (last !== undefined && last.includes('.')) {
    if (!isIPv4(last) || (halves.length === 2 && tail.length === 0)) return false;
    all.pop();
    count += 1;
  }
  if (!all.every((g) => HEX16.test(g))) return false;
  return halves.length === 2 ? count <= 7 : count === 8;
}

/** A DNS host name: labels of letters, digits and inner hyphens, at most 253 characters, not all-numeric at the end. */
export function isDnsName(s: string): boolean {
  const name = s.endsWith('.') ? s.slice(0, -1) : s;
  if (name.length === 0 || name.length > 253) return false;
  const labels = name.split('.');
  if (!labels.every((l) => LABEL.test(l))) return false;
  // `999.999.999.999` or `10.0.0` is a mistyped address, not a name (no top-level domain is numeric).
  return !/^\d+$/.test(labels[labels.length - 1]!);
}

export function isHost(s: string): boolean {
  return isIPv4(s) || isIPv6(s) || isDnsName(s);
}

/** Why `s` is not a host, in words a technician can act on; null when it is one. */
export function hostProblem(s: string): string | null {
  if (isHost(s)) return null;
  if (s.trim() === '') return 'must not be empty';
  if (/[\s]/.test(s)) return 'must not contain spaces or line breaks';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(s) || s.includes('/')) return 'write the host alone (an address or name), not a URL';
  if (/^\d+(\.\d+){3}$/.test(s)) return 'not an IPv4 address (each part is 0 to 255)';
  if (/^\[.*\]$/.test(s)) return 'write an IPv6 address without brackets';
  if (s.includes(':')) return 'not an IPv6 address, and a host name has no ":" (the port is a field of its own)';
  return 'not an IP address or a host name (letters, digits, "-" and "." only)';
}
