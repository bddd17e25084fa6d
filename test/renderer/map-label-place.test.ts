import { describe, expect, it } from 'vitest';
import { fitText, LabelBoxes, mapLabelText, placeBeside } from '../../renderer/features/map/map-label-place.js';

describe('map labels of the inner rings', () => {
  it('leaves the organ off and keeps the kind of unit', () => {
    expect(mapLabelText('UBND huyện Chợ Đồn')).toBe('huyện Chợ Đồn');
    expect(mapLabelText('UBND thành phố Bắc Kạn')).toBe('thành phố Bắc Kạn');
    expect(mapLabelText('Uỷ ban nhân dân xã Nam Cường')).toBe('xã Nam Cường');
    expect(mapLabelText('Sở Thông tin và Truyền thông')).toBe('Sở Thông tin và Truyền thông');
    expect(mapLabelText('UBND')).toBe('UBND');
  });

  it('places a name only where it covers no other, and inside the canvas', () => {
    const boxes = new LabelBoxes(200, 100);
    expect(boxes.place(100, 10, 60, 12)).toBe(100);
    // Overlaps the first one.
    expect(boxes.place(120, 15, 60, 12)).toBeNull();
    // Below it: free.
    expect(boxes.place(120, 30, 60, 12)).toBe(120);
    // Near the left edge: shifted right so it stays inside.
    expect(boxes.place(5, 60, 40, 12)).toBe(22);
    // Near the right edge: shifted left.
    expect(boxes.place(199, 80, 40, 12)).toBe(178);
    // Off the bottom, or wider than the canvas: not drawn.
    expect(boxes.place(100, 95, 20, 12)).toBeNull();
    expect(boxes.place(100, 40, 300, 12)).toBeNull();
    expect(boxes.count).toBe(4);
  });

  it('keeps a reserved region free', () => {
    const boxes = new LabelBoxes(200, 100);
    boxes.reserve(90, 40, 110, 60);
    expect(boxes.place(100, 45, 30, 10)).toBeNull();
    expect(boxes.place(100, 61, 30, 10)).toBe(100);
  });
});

describe('placing a name beside its node', () => {
  it('tries below, above, right, then left, and gives up when all are taken', () => {
    const boxes = new LabelBoxes(400, 400);
    expect(placeBeside(boxes, 200, 200, 5, 60, 12, 4)).toEqual({ side: 'below', x: 200, y: 215 });
    expect(placeBeside(boxes, 200, 200, 5, 60, 12, 4)).toEqual({ side: 'above', x: 200, y: 185 });
    expect(placeBeside(boxes, 200, 200, 5, 20, 12, 4)).toEqual({ side: 'right', x: 209, y: 200 });
    expect(placeBeside(boxes, 200, 200, 5, 20, 12, 4)).toEqual({ side: 'left', x: 191, y: 200 });
    expect(placeBeside(boxes, 200, 200, 5, 20, 12, 4)).toBeNull();
  });

  it('cuts a long name with an ellipsis to fit a width', () => {
    const measure = (s: string) => s.length * 6;
    expect(fitText('huyện Ba Bể', 150, measure)).toBe('huyện Ba Bể');
    const cut = fitText('Trung tâm Điều khiển hệ thống Hội nghị trực tuyến tỉnh Bắc Kạn', 150, measure);
    expect(cut.endsWith('…')).toBe(true);
    expect(measure(cut)).toBeLessThanOrEqual(150);
    expect(cut.length).toBeGreaterThan(20);
  });
});
