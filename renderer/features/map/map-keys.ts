import { childrenOf, type MapLayout } from './map-layout.js';

/**
 * Moving between sites with the arrow keys, following the tree as it is drawn: Up goes toward the
 * centre (the parent), Down goes out to the child straight ahead, Left and Right step to the
 * previous and next site on the same ring (anticlockwise / clockwise), wrapping around.
 */
export type NavKey = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight' | 'Home';

export function isNavKey(key: string): key is NavKey {
  return key === 'ArrowUp' || key === 'ArrowDown' || key === 'ArrowLeft' || key === 'ArrowRight' || key === 'Home';
}

const angleGap = (a: number, b: number): number => {
  const d = Math.abs(a - b) % (2 * Math.PI);
  return d > Math.PI ? 2 * Math.PI - d : d;
};

/** The node the key leads to from `from` (-1: nothing yet, which starts at the centre). */
export function navigate(layout: MapLayout, from: number, key: NavKey): number {
  if (from < 0 || from >= layout.count || key === 'Home') return 0;
  switch (key) {
    case 'ArrowUp':
      return from === 0 ? 0 : layout.parent[from]!;
    case 'ArrowDown': {
      const kids = childrenOf(layout, from);
      if (kids.length === 0) return from;
      if (from === 0) return kids[0]!;
      let best = kids[0]!;
      for (const c of kids) if (angleGap(layout.angle[c]!, layout.angle[from]!) < angleGap(layout.angle[best]!, layout.angle[from]!)) best = c;
      return best;
    }
    case 'ArrowLeft':
    case 'ArrowRight': {
      if (from === 0) return from;
      const ring = layout.ringOrder[layout.tier[from]!];
      if (!ring || ring.length < 2) return from;
      const pos = layout.ringPos[from]!;
      const step = key === 'ArrowRight' ? 1 : ring.length - 1;
      return ring[(pos + step) % ring.length]!;
    }
  }
}
