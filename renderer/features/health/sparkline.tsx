/** Daily availability as a small line (100 % at the top), the lowest day marked; gaps where nothing was measured. */
export function Sparkline({ values, label }: { readonly values: readonly (number | null)[]; readonly label: string }) {
  const w = 84;
  const h = 18;
  const lo = Math.min(95, ...values.filter((v): v is number => v !== null));
  const x = (i: number) => (values.length <= 1 ? w / 2 : (i / (values.length - 1)) * (w - 4) + 2);
  const y = (v: number) => 2 + ((100 - v) / Math.max(0.001, 100 - lo)) * (h - 4);
  const segments: string[] = [];
  let current = '';
  values.forEach((v, i) => {
    if (v === null) {
      if (current) segments.push(current);
      current = '';
    } else current += `${current ? ' L' : 'M'}${x(i).toFixed(1)} ${y(v).toFixed(1)}`;
  });
  if (current) segments.push(current);
  const measured = values.map((v, i) => [v, i] as const).filter((p): p is readonly [number, number] => p[0] !== null);
  const worst = measured.reduce<readonly [number, number] | null>((a, p) => (a === null || p[0] < a[0] ? p : a), null);
  return (
    <svg className="health__spark" width={w} height={h} viewBox={`0 0 ${w} ${h}`} role="img" aria-label={label}>
      <title>{label}</title>
      {segments.map((d, i) => (
        <path key={i} d={d} fill="none" stroke="currentColor" strokeWidth={1.2} />
      ))}
      {worst && worst[0] < 100 && <rect x={x(worst[1]) - 1.5} y={y(worst[0]) - 1.5} width={3} height={3} fill="currentColor" />}
    </svg>
  );
}
