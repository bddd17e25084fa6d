import { stratify, tree, type HierarchyPointNode } from 'd3-hierarchy';
import type { NetworkView, SiteView } from '../../../shared/inventory.js';
import { foldText } from '../../../shared/text.js';

/**
 * The map's geometry, computed once per network change: a radial tidy tree (d3-hierarchy) with
 * the MCU / control centre at the centre (node 0), one ring per tier (tiers are data: two, three
 * or more) and every site on the ring of its tier. Nodes are numbered breadth first, so a parent
 * always comes before its children; positions and links live in typed arrays for the renderer.
 */
export const ROOT_ID = '@mcu';

/** World units: the gap wanted between two neighbours on a ring, and between rings. */
export const NODE_SPACING = 24;
const RING_GAP = 120;
/** A crowded ring is split into up to this many staggered lanes rather than grown without end. */
const MAX_LANES = 4;

export interface MapDistrict {
  readonly id: string;
  readonly name: string;
}

export interface MapLayout {
  readonly network: NetworkView;
  /** Nodes: 0 is the MCU root, then the sites breadth first. */
  readonly count: number;
  readonly ids: readonly string[];
  /** The site of each node (null for the root). */
  readonly sites: readonly (SiteView | null)[];
  readonly indexById: ReadonlyMap<string, number>;
  readonly x: Float32Array;
  readonly y: Float32Array;
  /** Angle on the ring (radians, clockwise from east, 0..2π). */
  readonly angle: Float32Array;
  readonly parent: Int32Array;
  /** Tier index in `network.tiers` (-1 for the root; a tier not in the list gets the next ring). */
  readonly tier: Int16Array;
  /** Index into `districts`, or -1. */
  readonly district: Int16Array;
  /** Children of node i: childList[childStart[i] .. childStart[i + 1]), in angle order. */
  readonly childStart: Int32Array;
  readonly childList: Int32Array;
  /** Nodes of each ring in angle order (for moving along a ring with the keyboard). */
  readonly ringOrder: readonly Int32Array[];
  /** Position of each node inside its ring's order. */
  readonly ringPos: Int32Array;
  /** Radius of each tier's ring (the innermost lane). */
  readonly ringRadius: Float32Array;
  /** The smallest distance between two neighbours on each tier's ring (world units), for level of detail. */
  readonly tierSpacing: Float32Array;
  /** How many tiers there are rings for (network tiers, plus one when a site names an unknown tier). */
  readonly tierCount: number;
  /** The deepest ring that holds sites: its labels are drawn along the radius. */
  readonly outerTier: number;
  /** Endpoints: id, and the node of its site; node i's endpoints are endpointList[epStart[i] .. epStart[i + 1]). */
  readonly endpointIds: readonly string[];
  readonly endpointNode: Int32Array;
  readonly epStart: Int32Array;
  readonly districts: readonly MapDistrict[];
  /** Folded name and id of each node (every word after a space), for search. */
  readonly folded: readonly string[];
  /** Half the side of the square that holds everything (world units, centred on 0,0). */
  readonly extent: number;
}

interface Row {
  readonly id: string;
  readonly parentId: string | null;
  readonly site: SiteView | null;
}

/** Sites whose parent is missing (or who would close a cycle) hang under the root. */
function rowsOf(network: NetworkView): Row[] {
  const byId = new Map(network.sites.map((s) => [s.id, s]));
  const safeParent = (s: SiteView): string | null => {
    if (!s.parent || !byId.has(s.parent)) return ROOT_ID;
    // Walk up: a cycle (the inventory forbids one, but the map must still draw) goes to the root.
    const seen = new Set<string>([s.id]);
    for (let cur: SiteView | undefined = byId.get(s.parent); cur; cur = cur.parent ? byId.get(cur.parent) : undefined) {
      if (seen.has(cur.id)) return ROOT_ID;
      seen.add(cur.id);
    }
    return s.parent;
  };
  const seenIds = new Set<string>();
  const rows: Row[] = [{ id: ROOT_ID, parentId: null, site: null }];
  for (const s of network.sites) {
    if (seenIds.has(s.id) || s.id === ROOT_ID) continue;
    seenIds.add(s.id);
    rows.push({ id: s.id, parentId: safeParent(s), site: s });
  }
  return rows;
}

export function layoutNetwork(network: NetworkView): MapLayout {
  const rows = rowsOf(network);
  const root = stratify<Row>()
    .id((r) => r.id)
    .parentId((r) => r.parentId)(rows);
  // Radial tidy tree: x is the angle; siblings closer than cousins, inner rings spaced wider.
  // A site with nothing under it on an inner ring (a province office without districts) gets
  // the room of a small subtree, so the few inner sites do not crowd into one arc.
  const deepest = root.height;
  const room = (n: { depth: number; children?: unknown[] }): number => (n.children ? 1 : 1 + (deepest - n.depth)) / Math.max(1, n.depth);
  const laid = tree<Row>()
    .size([2 * Math.PI, 1])
    .separation((a, b) => (a.parent === b.parent ? 1 : 2) * Math.max(room(a), room(b)))(root);
  const nodes: HierarchyPointNode<Row>[] = laid.descendants(); // breadth first: parents first
  const n = nodes.length;

  const tierIndex = new Map(network.tiers.map((t, i) => [t, i]));
  // Sites of a tier not in the list share one ring past the last.
  const extraTier = network.tiers.length;
  const tierCount = rows.some((r) => r.site && !tierIndex.has(r.site.tier)) ? extraTier + 1 : extraTier;

  const districtIds: string[] = [];
  const districtIndex = new Map<string, number>();
  for (const s of network.sites) {
    if (s.district && !districtIndex.has(s.district)) {
      districtIndex.set(s.district, districtIds.length);
      districtIds.push(s.district);
    }
  }
  const nameOf = new Map(network.sites.map((s) => [s.id, s.name]));

  const ids: string[] = new Array<string>(n);
  const sites: (SiteView | null)[] = new Array<SiteView | null>(n);
  const indexById = new Map<string, number>();
  const angle = new Float32Array(n);
  const parent = new Int32Array(n);
  const tier = new Int16Array(n);
  const district = new Int16Array(n);
  const folded: string[] = new Array<string>(n);
  const nodeIndex = new Map<HierarchyPointNode<Row>, number>();
  nodes.forEach((node, i) => nodeIndex.set(node, i));
  nodes.forEach((node, i) => {
    const site = node.data.site;
    ids[i] = node.data.id;
    sites[i] = site;
    indexById.set(node.data.id, i);
    angle[i] = node.x;
    parent[i] = node.parent ? nodeIndex.get(node.parent)! : -1;
    tier[i] = site ? (tierIndex.get(site.tier) ?? extraTier) : -1;
    district[i] = site?.district ? (districtIndex.get(site.district) ?? -1) : -1;
    // Words of the name and of the id, each after a space, for word-start search.
    folded[i] = site ? ` ${foldText(site.name)} ${site.id.replace(/[-_.]+/g, ' ')} ${site.id}` : '';
  });

  // Children in angle order (the tree already orders them; keep it explicit).
  const childStart = new Int32Array(n + 1);
  for (let i = 1; i < n; i++) childStart[parent[i]! + 1]! += 1;
  for (let i = 0; i < n; i++) childStart[i + 1]! += childStart[i]!;
  const childList = new Int32Array(Math.max(0, n - 1));
  const fill = childStart.slice(0, n);
  for (let i = 1; i < n; i++) childList[fill[parent[i]!]!++] = i;

  // Rings: each tier's nodes in angle order, the tightest angular gap, the radius that keeps
  // neighbours NODE_SPACING apart, and lanes when a ring would otherwise grow very large.
  const ringOrder: Int32Array[] = [];
  const ringPos = new Int32Array(n).fill(-1);
  const ringRadius = new Float32Array(tierCount);
  const tierSpacing = new Float32Array(tierCount);
  const lanes = new Uint8Array(tierCount).fill(1);
  let inner = 0;
  let outerTier = 0;
  let lastTier = 0;
  for (let i = 1; i < n; i++) lastTier = Math.max(lastTier, tier[i]!);
  for (let t = 0; t < tierCount; t++) {
    const members: number[] = [];
    for (let i = 1; i < n; i++) if (tier[i] === t) members.push(i);
    members.sort((a, b) => angle[a]! - angle[b]!);
    const order = Int32Array.from(members);
    order.forEach((node, k) => (ringPos[node] = k));
    ringOrder.push(order);
    let minGap = 2 * Math.PI;
    for (let k = 0; k < members.length; k++) {
      const a = angle[members[k]!]!;
      const b = k + 1 < members.length ? angle[members[k + 1]!]! : angle[members[0]!]! + 2 * Math.PI;
      if (members.length > 1) minGap = Math.min(minGap, Math.max(b - a, 1e-4));
    }
    const base = inner + RING_GAP;
    // Inner rings hold bigger glyphs with their names across: give them more room.
    const spacing = members.length > 0 && t < lastTier ? NODE_SPACING * 2.5 : NODE_SPACING;
    const wanted = spacing / minGap;
    let laneCount = 1;
    if (wanted > base * 2.5) laneCount = Math.min(MAX_LANES, Math.ceil(wanted / (base * 2.5)));
    lanes[t] = laneCount;
    const radius = members.length === 0 ? base : Math.max(base, wanted / laneCount);
    ringRadius[t] = radius;
    tierSpacing[t] = members.length > 1 ? Math.min(radius * minGap * laneCount, 2 * radius) : 2 * radius;
    inner = radius + (laneCount - 1) * NODE_SPACING;
    if (members.length > 0) outerTier = t;
  }

  const x = new Float32Array(n);
  const y = new Float32Array(n);
  for (let i = 1; i < n; i++) {
    const t = tier[i]!;
    const lane = lanes[t]! > 1 ? ringPos[i]! % lanes[t]! : 0;
    const r = ringRadius[t]! + lane * NODE_SPACING;
    x[i] = r * Math.cos(angle[i]!);
    y[i] = r * Math.sin(angle[i]!);
  }

  // Endpoints grouped by node.
  const epStart = new Int32Array(n + 1);
  for (let i = 1; i < n; i++) epStart[i + 1] = epStart[i]! + sites[i]!.endpoints.length;
  const endpointIds: string[] = [];
  const endpointNode = new Int32Array(epStart[n]!);
  for (let i = 1; i < n; i++) {
    for (const e of sites[i]!.endpoints) {
      endpointNode[endpointIds.length] = i;
      endpointIds.push(e.id);
    }
  }

  return {
    network,
    count: n,
    ids,
    sites,
    indexById,
    x,
    y,
    angle,
    parent,
    tier,
    district,
    childStart,
    childList,
    ringOrder,
    ringPos,
    ringRadius,
    tierSpacing,
    tierCount,
    outerTier,
    endpointIds,
    endpointNode,
    epStart,
    districts: districtIds.map((id) => ({ id, name: nameOf.get(id) ?? id })),
    folded,
    extent: inner + NODE_SPACING * 2,
  };
}

const cache = new WeakMap<NetworkView, MapLayout>();

/** One layout per network object: the map and the wall share it, and it is dropped with the network. */
export function layoutFor(network: NetworkView): MapLayout {
  let layout = cache.get(network);
  if (!layout) {
    layout = layoutNetwork(network);
    cache.set(network, layout);
  }
  return layout;
}

export function childrenOf(layout: MapLayout, node: number): Int32Array {
  return layout.childList.subarray(layout.childStart[node]!, layout.childStart[node + 1]!);
}
