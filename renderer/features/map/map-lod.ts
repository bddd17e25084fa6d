/**
 * Level of detail for labels: a ring's names are drawn only once its neighbours are far enough
 * apart on screen for a name to fit, and never more than MAX_LABELS at once. The outer ring's
 * names run along the radius, so they need only a line's height between neighbours; the inner
 * rings' names run across, so they need room for a short name.
 */
export const MAX_LABELS = 300;
export const RADIAL_LABEL_MIN_PX = 13;
export const ACROSS_LABEL_MIN_PX = 70;

/** Whether a tier's names are drawn at scale k, given the world distance between neighbours on its ring. */
export function showsLabels(spacingWorld: number, k: number, radial: boolean): boolean {
  const px = spacingWorld * k;
  return px >= (radial ? RADIAL_LABEL_MIN_PX : ACROSS_LABEL_MIN_PX);
}

/** The tiers whose names are drawn at scale k (bit i set for tier i). */
export function labelledTiers(tierSpacing: Float32Array, outerTier: number, k: number): number {
  let mask = 0;
  for (let t = 0; t < tierSpacing.length && t < 31; t++) if (showsLabels(tierSpacing[t]!, k, t === outerTier)) mask |= 1 << t;
  return mask;
}

/** The smallest scale at which a tier's names appear (for zooming to a selected site). */
export function labelScale(spacingWorld: number, radial: boolean): number {
  return (radial ? RADIAL_LABEL_MIN_PX : ACROSS_LABEL_MIN_PX) / Math.max(spacingWorld, 1e-6);
}
