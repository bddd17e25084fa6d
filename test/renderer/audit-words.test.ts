import { describe, expect, it } from 'vitest';
import { i18n } from '../../renderer/i18n/index.js';
import { BOM, auditCsv } from '../../renderer/features/audit/audit-csv.js';
import { WORDED_ACTIONS, actionText, errorText, fieldText, resultText, targetText } from '../../renderer/features/audit/audit-words.js';
import { toQuery } from '../../renderer/stores/audit-store.js';
import { API_ERROR_CODES } from '../../shared/api/errors.js';
import { AUDITED_ACTIONS } from '../../shared/audit-actions.js';
import { AUDIT_OUTCOME_CODES, type AuditEntry } from '../../shared/audit.js';
import vi from '../../assets/locales/audit.vi.json';
import en from '../../assets/locales/audit.en.json';

const TZ = 'Asia/Ho_Chi_Minh';

/** RFC 4180 as Excel reads it: quoted fields with doubled quotes, CRLF between records. */
function parse(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = (): void => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      endField();
    } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
      endField();
      rows.push(row);
      row = [];
      i++;
    } else {
      field += c;
    }
  }
  if (field || row.length) {
    endField();
    rows.push(row);
  }
  return rows;
}
const viT = i18n.getFixedT('vi');
const enT = i18n.getFixedT('en');

export const entry = (over: Partial<AuditEntry> = {}): AuditEntry => ({
  id: 1, at: '2026-12-06T02:30:00.000Z', user: 'minh', role: 'operator', source: '10.0.0.7', client: 'browser', session: 's-1',
  action: 'bookMeeting', target: 'meeting:m-1', targetLabel: 'Giao ban tháng 12', params: '{}', result: 'ok', error: null,
  prevHash: '0'.repeat(64), hash: 'ab'.repeat(32), ...over,
});

describe('audit wording', () => {
  it('has vi and en words for every audited action, error code and outcome', () => {
    for (const a of [...AUDITED_ACTIONS, 'login', 'loginFailed', 'logoutFailed']) {
      expect(vi.audit.action, a).toHaveProperty(a);
      expect(en.audit.action, a).toHaveProperty(a);
      expect(actionText(entry({ action: a }), viT)).not.toBe(a);
    }
    for (const code of [...API_ERROR_CODES, ...AUDIT_OUTCOME_CODES]) {
      expect(vi.audit.error, code).toHaveProperty(code);
      expect(en.audit.error, code).toHaveProperty(code);
    }
    expect(WORDED_ACTIONS).toEqual(expect.arrayContaining([...AUDITED_ACTIONS]));
  });

  it('words what was done, on what, and how it ended, in Vietnamese and English', () => {
    const booked = entry();
    expect([actionText(booked, viT), targetText(booked, viT), resultText(booked, viT)]).toEqual(['Đặt lịch họp', 'Giao ban tháng 12', 'Thành công']);
    expect([actionText(booked, enT), resultText(booked, enT)]).toEqual(['Book a meeting', 'Succeeded']);
    const muted = entry({ action: 'muteParticipant', params: '{"conferenceId":"c","participantId":"p","audio":true}', target: 'endpoint:ba-be-1', targetLabel: 'UBND huyện Ba Bể' });
    expect(actionText(muted, viT)).toBe('Tắt tiếng');
    expect(actionText({ ...muted, params: '{"video":false}' }, enT)).toBe('Camera on');
    expect(actionText(entry({ action: 'setLayout', params: '{"layout":"onePlusFive"}' }), viT)).toBe('Đổi bố cục: 1 + 5');
  });

  it('says which field was wrong in words, never a JSON path', () => {
    const refused = entry({ result: 'failed', error: { code: 'booking_refused', field: 'hostBody', params: { count: 3 } } });
    expect(resultText(refused, viT)).toBe('Không thành công: Cơ quan chủ trì không hợp lệ');
    expect(resultText(refused, enT)).toBe('Failed: Host body is invalid');
    expect(fieldText('participants.sites', viT)).toBe('Thành phần tham dự');
    expect(fieldText('$.weird[3]', viT)).toBe('Một trường dữ liệu');
    expect(errorText({ code: 'booking_refused', params: { rule: 'notice' } }, viT)).toBe('chưa báo trước đủ số ngày quy định');
    expect(errorText({ code: 'partly_failed', params: { failed: 2, total: 5 } }, viT)).toBe('2/5 điểm cầu không thành công');
    expect(errorText({ code: 'forbidden' }, viT)).toBe('không có quyền thực hiện');
    expect(errorText({ code: 'something_new' }, enT)).toBe('an error occurred');
  });

  it('never shows an id or a method name for unknown targets and actions', () => {
    expect(targetText(entry({ targetLabel: null, target: 'conference:abc-123' }), viT)).toBe('Một phiên họp');
    expect(targetText(entry({ targetLabel: null, target: 'meeting:new' }), viT)).toBe('Cuộc họp mới');
    expect(targetText(entry({ targetLabel: null, target: 'district:Ba Bể' }), viT)).toBe('Huyện Ba Bể');
    expect(targetText(entry({ targetLabel: null, target: 'ba-be-1' }), viT)).toBe('Đối tượng khác'); // an entry from before the chain
    expect(targetText(entry({ targetLabel: null, action: 'login', target: 'dieuhanh' }), viT)).toBe('Tài khoản dieuhanh');
    expect(actionText(entry({ action: 'frobnicate' }), viT)).toBe('Thao tác khác');
  });
});

describe('audit filters', () => {
  it('turns local days into instants of the inventory zone and drops blanks', () => {
    expect(toQuery({ user: ' minh ', action: 'bookMeeting', result: 'failed', fromDay: '2026-12-01', toDay: '2026-12-06', target: '' }, TZ)).toEqual({
      user: 'minh', action: 'bookMeeting', result: 'failed', from: '2026-11-30T17:00:00.000Z', to: '2026-12-06T17:00:00.000Z',
    });
    expect(toQuery({ fromDay: 'not a day', user: '  ' }, TZ)).toEqual({});
  });
});

describe('audit CSV', () => {
  it('is UTF-8 with a BOM for Excel, CRLF, a header in the language, the same words as the viewer', () => {
    const csv = auditCsv([entry(), entry({ id: 2, action: 'cancelMeeting', result: 'failed', error: { code: 'conflict' }, targetLabel: 'Họp "khẩn", tỉnh' })], viT, TZ);
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv).toContain('\r\n');
    const rows = parse(csv.slice(1)) as string[][];
    expect(rows[0]).toEqual(['Thời gian', 'Người thực hiện', 'Vai trò', 'Từ đâu', 'Thao tác', 'Đối tượng', 'Kết quả', 'Số thứ tự', 'Mã băm']);
    expect(rows[1]).toEqual(['09:30:00 06/12/2026', 'minh', 'Điều hành viên', 'trình duyệt · 10.0.0.7', 'Đặt lịch họp', 'Giao ban tháng 12', 'Thành công', '1', 'ab'.repeat(32)]);
    expect(rows[2]!.slice(4, 7)).toEqual(['Huỷ lịch họp', 'Họp "khẩn", tỉnh', 'Không thành công: người khác đã thay đổi trước']);
    expect(parse(auditCsv([entry()], enT, TZ).slice(1))[0]![0]).toBe('Time');
  });
});
