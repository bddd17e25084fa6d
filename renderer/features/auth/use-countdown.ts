import { useEffect, useState } from 'react';

/** Whole seconds left until `until` (ms since epoch), ticking each second; 0 when none. */
export function useCountdown(until: number | null, now: () => number = Date.now): number {
  const left = (): number => (until === null ? 0 : Math.max(0, Math.ceil((until - now()) / 1000)));
  const [seconds, setSeconds] = useState(left);
  useEffect(() => {
    setSeconds(left());
    if (until === null) return;
    const timer = setInterval(() => {
      const s = left();
      setSeconds(s);
      if (s === 0) clearInterval(timer);
    }, 250);
    return () => clearInterval(timer);
  }, [until]);
  return seconds;
}
