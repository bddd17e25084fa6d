import { drawBase, projectNodes } from './map-draw.js';
import { ringFont } from './map-draw-text.js';
import { baseInputFrom, workerGeometry, type DrawMessage, type FontFaceSource, type FromLinkWorker, type ToLinkWorker, type WorkerGeometry } from './map-link-job.js';

/**
 * The map's link layer drawn off the page's main thread (map-link-layer.ts starts it): background,
 * tier rings and links on an OffscreenCanvas with drawBase — the page's own drawing code — then
 * handed back as an ImageBitmap (transferred, already rasterised here), stamped so the page can
 * drop a picture of a scene that changed meanwhile. The map's font is added here from the page's
 * @font-face rules, so the ring names are the same glyphs.
 */
interface WorkerScope {
  onmessage: ((event: MessageEvent<ToLinkWorker>) => void) | null;
  postMessage(message: FromLinkWorker, transfer?: Transferable[]): void;
  readonly fonts?: FontFaceSet;
}

const scope = self as unknown as WorkerScope;
let geometry: WorkerGeometry | null = null;
let canvas: OffscreenCanvas | null = null;
let ctx: OffscreenCanvasRenderingContext2D | null = null;
/** The font and words whose glyphs were last made sure of. */
let fontsFor = '';
/** Drawings run one after the other (a font may be loading). */
let queue: Promise<void> = Promise.resolve();

scope.onmessage = (event) => {
  const m = event.data;
  switch (m.type) {
    case 'geometry':
      geometry = workerGeometry(m);
      return;
    case 'fonts':
      addFonts(m.faces);
      return;
    case 'draw':
      queue = queue.then(() => draw(m));
      return;
  }
};

function addFonts(faces: readonly FontFaceSource[]): void {
  const set = scope.fonts;
  if (!set || typeof FontFace === 'undefined') return;
  for (const f of faces) set.add(new FontFace(f.family, f.src, { weight: f.weight, style: f.style, unicodeRange: f.unicodeRange }));
  fontsFor = '';
}

async function draw(m: DrawMessage): Promise<void> {
  const stamp = { gen: m.gen, linkVersion: m.linkVersion };
  try {
    if (!geometry || geometry.message.key !== m.geometry) throw new Error('no geometry for this drawing');
    const w = Math.max(1, Math.round(m.width * m.dpr));
    const h = Math.max(1, Math.round(m.height * m.dpr));
    if (!canvas || !ctx) {
      canvas = new OffscreenCanvas(w, h);
      ctx = canvas.getContext('2d', { alpha: false });
      if (!ctx) throw new Error('no 2D context on an OffscreenCanvas');
    } else if (canvas.width !== w || canvas.height !== h) {
      canvas.width = w;
      canvas.height = h;
    }
    await fontsOf(m);
    const input = baseInputFrom(geometry, m);
    projectNodes(input);
    drawBase(ctx, input);
    const bitmap = canvas.transferToImageBitmap();
    scope.postMessage({ type: 'bitmap', ...stamp, bitmap, fonts: loadedFaces() }, [bitmap]);
  } catch (e) {
    scope.postMessage({ type: 'failed', ...stamp, reason: e instanceof Error ? e.message : String(e) });
  }
}

function loadedFaces(): number {
  let n = 0;
  scope.fonts?.forEach((face) => {
    if (face.status === 'loaded') n++;
  });
  return n;
}

/** The ring names' glyphs loaded before they are drawn (a canvas draws a font still loading in another). */
async function fontsOf(m: DrawMessage): Promise<void> {
  const text = m.tierLabels.join('');
  const font = ringFont(m);
  const key = `${font}\n${text}`;
  if (!text || key === fontsFor || !scope.fonts) return;
  await scope.fonts.load(font, text).catch(() => []);
  fontsFor = key;
}
