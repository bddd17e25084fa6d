import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addLocalDays, formatDisplayDate, formatLocalDate, localDateOf } from '../../shared/schedule/zoned-time.js';
import { distinctColours } from './browser.js';
import type { ServedConsole } from './serve-process.js';
import { closeDemoConsole, logIn, openDemoConsole } from './demo-console.js';

/**
 * The Day view end to end against `serve --demo` (issue 6, item 9): book a meeting one day ahead
 * and see it refused under the 3-day rule, live in the form and on submit; mark it an emergency
 * with a reason and see it accepted; book an overlapping meeting sharing a commune and see it
 * refused naming the other meeting, the commune and the time; start the demo's meeting that is
 * about to begin (armed, then fired) and see every participant connect in the simulated MCU.
 *
 * The view is mounted by the app as the rail's "schedule" view (`rail-schedule`).
 */
const DOCS = join(import.meta.dirname, '../../docs');
const SHOTS = process.env.BRIDGEPOINT_SHOTS ?? '/tmp';
const TZ = 'Asia/Ho_Chi_Minh';
const SOON = 'demo-lam-viec-xa'; // the demo's meeting starting about 20 minutes after the demo does
const FIRST = 'Ứng phó bão số 5: triển khai phương án sơ tán';
const SECOND = 'Tập huấn chuyển đổi số cấp xã';

let served: ServedConsole;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
const today = formatLocalDate(localDateOf(Date.now(), TZ));
const tomorrow = formatLocalDate(addLocalDays(localDateOf(Date.now(), TZ), 1));
const tomorrowShown = formatDisplayDate(addLocalDays(localDateOf(Date.now(), TZ), 1));

interface ApiConference {
  name: string;
  participants: { endpointId: string | null; state: string }[];
}

async function conferences(): Promise<ApiConference[]> {
  return (await (await served.api('/api/v1/conferences')).json()) as ApiConference[];
}

/** Fill the booking form's own fields (participants are chosen separately). */
async function fill(fields: { title: string; hostBody: string; date: string; start: string; end: string }): Promise<void> {
  await page.getByTestId('field-title').fill(fields.title);
  await page.getByTestId('field-hostBody').fill(fields.hostBody);
  await page.getByTestId('field-date').fill(fields.date);
  await page.getByTestId('field-startTime').fill(fields.start);
  await page.getByTestId('field-endTime').fill(fields.end);
}

/** Pick a site in the participant list by typing its name without diacritics. */
async function pickSite(query: string, siteName: string): Promise<void> {
  await page.getByTestId('participant-search').fill(query);
  const option = page.getByTestId('participant-option').filter({ hasText: siteName });
  await expect.poll(() => option.count()).toBe(1);
  await option.locator('input[type="checkbox"]').check();
}

const verdict = () => page.getByTestId('booking-verdict');

beforeAll(async () => {
  ({ served, browser, page } = await openDemoConsole(pageErrors));
});

afterAll(() => closeDemoConsole({ served, browser }));

describe('the Day view against the demo schedule (serve --demo)', () => {
  it('opens from the rail on today: a timeline with a now-line, the demo meetings and the countdown', async () => {
    await logIn(page, served, 'kythuat');
    await page.waitForSelector('[data-ready="true"]', { timeout: 30_000 });
    await page.getByTestId('rail-schedule').click();
    await page.getByTestId('schedule-view').waitFor();
    expect(await page.getByTestId('rail-schedule').getAttribute('aria-current')).toBe('page');
    await expect.poll(() => page.getByTestId('meeting-block').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    expect(await page.getByTestId('schedule-date').innerText()).toMatch(/\d\d\/\d\d\/\d{4}/);
    await page.getByTestId('now-line').waitFor();
    // The demo's working session starts about 20 minutes from now.
    await expect.poll(() => page.getByTestId('countdown').innerText(), { timeout: 10_000 }).toMatch(/bắt đầu sau \d+ phút/);
    // Week view: seven columns, Monday first.
    await page.keyboard.press('w');
    await expect.poll(() => page.getByTestId('week-day').count()).toBe(7);
    expect(await page.locator('.week__day-head').first().innerText()).toContain('T2');
    await page.keyboard.press('w');
    await page.getByTestId('day-timeline').waitFor();
  });

  it('refuses a meeting booked one day ahead under the 3-day rule, live in the form and on submit', async () => {
    await page.keyboard.press('n');
    await page.getByTestId('booking-form').waitFor();
    await fill({ title: FIRST, hostBody: 'Ban Chỉ huy Phòng chống thiên tai tỉnh', date: tomorrowShown, start: '19:00', end: '20:00' });
    await page.getByTestId('field-kind').selectOption('extraordinary');
    await pickSite('cho ra', 'Chợ Rã');
    await pickSite('nam mau', 'Nam Mẫu');
    expect(await page.getByTestId('participant-total').getAttribute('data-count')).toBe('2');
    // Live: the dry run shows the notice rule before anything is sent.
    const notice = verdict().locator('[data-rule="notice"]');
    await expect.poll(() => notice.count(), { timeout: 10_000 }).toBe(1);
    expect(await notice.innerText()).toContain('trước ít nhất 3 ngày');
    await page.getByTestId('booking-submit').click();
    const refusal = page.getByTestId('booking-refusal');
    await refusal.waitFor();
    const text = await refusal.innerText();
    expect(text).toContain('Không đặt được lịch');
    expect(text).toContain('Thời hạn báo trước');
    expect(text).toMatch(/sớm nhất được bắt đầu \d\d\/\d\d\/\d{4} \d\d:\d\d/);
    await page.screenshot({ path: join(SHOTS, 'schedule-refused.png') });
  });

  it('accepts it as an emergency with a reason', async () => {
    await page.getByTestId('field-emergency').check();
    await page.getByTestId('field-emergencyReason').fill('Bão số 5 đổ bộ, sơ tán dân vùng ven hồ Ba Bể');
    await expect.poll(() => verdict().getAttribute('data-state'), { timeout: 10_000 }).toBe('ok');
    expect(await verdict().locator('[data-rule="notice-exempt"]').innerText()).toContain('chấp nhận vì họp khẩn cấp');
    await page.getByTestId('booking-submit').click();
    await page.getByTestId('booking-form').waitFor({ state: 'detached' });
    // The view moves to the meeting's day and opens it.
    const details = page.getByTestId('meeting-details');
    await details.waitFor();
    expect(await details.innerText()).toContain(FIRST);
    expect(await page.getByTestId('schedule-view').getAttribute('data-day')).toBe(tomorrow);
    const block = page.getByTestId('meeting-block').filter({ hasText: FIRST });
    expect(await block.getAttribute('data-emergency')).toBe('true');
    expect(await block.innerText()).toContain('19:00–20:00');
  });

  it('refuses an overlapping meeting sharing a commune, naming the conflict', async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('n');
    await page.getByTestId('booking-form').waitFor();
    await fill({ title: SECOND, hostBody: 'Sở Thông tin và Truyền thông', date: tomorrowShown, start: '19:30', end: '21:00' });
    await page.getByTestId('field-kind').selectOption('training');
    await page.getByTestId('field-hostSiteId').selectOption('so-tttt');
    await page.getByTestId('field-emergency').check();
    await page.getByTestId('field-emergencyReason').fill('Kiểm tra khả năng phối hợp trong mùa bão');
    await pickSite('cho ra', 'Chợ Rã');
    const live = verdict().locator('[data-rule="participant-site"]');
    await expect.poll(() => live.count(), { timeout: 10_000 }).toBe(1);
    await page.getByTestId('booking-submit').click();
    const refusal = page.getByTestId('booking-refusal');
    await refusal.waitFor();
    const text = await refusal.locator('[data-rule="participant-site"]').innerText();
    expect(text).toContain('Trùng lịch');
    expect(text).toContain('Chợ Rã');
    expect(text).toContain(`'${FIRST}' 19:00–20:00 ${tomorrowShown}`);
    await page.screenshot({ path: join(SHOTS, 'schedule-conflict.png') });
    // Escape on a filled-in form asks first, naming it; the focus is on keeping it.
    await page.keyboard.press('Escape');
    const discard = page.getByTestId('discard-dialog');
    await discard.waitFor();
    expect(await discard.innerText()).toContain(SECOND);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('discard-dialog-cancel');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByTestId('booking-form').waitFor({ state: 'detached' });
    // Nothing was booked: the first meeting is alone in its evening.
    expect(await page.getByTestId('meeting-block').filter({ hasText: SECOND }).count()).toBe(0);
  });

  it('starts the meeting about to begin: armed, then fired; every participant connects in the simulator', async () => {
    const view = page.getByTestId('schedule-view');
    const shown = async (day: string) => {
      await expect.poll(() => view.getAttribute('data-day')).toBe(day);
      await expect.poll(() => view.getAttribute('data-stale')).toBe('false');
    };
    await page.keyboard.press('t');
    await shown(today);
    const item = page.locator(`[data-testid="meeting-block"][data-meeting-id="${SOON}"]`);
    if ((await item.count()) === 0) {
      await page.keyboard.press('ArrowRight'); // the demo started just before midnight: it is tomorrow's
      await shown(tomorrow);
    }
    await item.first().click();
    const details = page.getByTestId('meeting-details');
    await details.waitFor();
    const title = (await details.locator('.meeting-details__title').innerText()).trim();
    await page.getByTestId('readiness-board').locator('[data-testid="readiness-row"]').first().waitFor({ timeout: 15_000 });
    const sites = await page.getByTestId('readiness-row').count();
    expect(sites).toBeGreaterThanOrEqual(5);

    const button = page.getByTestId('start-button');
    await button.click();
    expect(await button.getAttribute('data-armed')).toBe('true');
    expect(await page.getByTestId('start-button-confirm').innerText()).toContain(`gọi ${sites} điểm cầu`);
    await page.waitForTimeout(500); // a second click sooner than that is taken for a double click
    await button.click();
    const progress = page.getByTestId('start-progress');
    await progress.waitFor();
    await expect.poll(() => progress.getAttribute('data-busy'), { timeout: 60_000 }).toBe('false');
    await page.screenshot({ path: join(SHOTS, 'schedule-started.png') });
    expect(await progress.getAttribute('data-failed')).toBe('0');
    const rows = page.getByTestId('start-row');
    expect(await rows.count()).toBe(sites);
    expect(await page.locator('[data-testid="start-row"][data-state="ok"]').count()).toBe(sites);
    expect(await page.getByTestId('start-retry').count()).toBe(0);

    // The simulated MCU has the conference with every participant connected.
    await expect
      .poll(async () => (await conferences()).find((c) => c.name === title)?.participants.filter((p) => p.state === 'connected').length ?? 0, { timeout: 30_000 })
      .toBeGreaterThanOrEqual(sites);
    // The meeting is live now, with its attendance.
    await expect.poll(() => details.getAttribute('data-status'), { timeout: 15_000 }).toBe('live');
    await page.getByTestId('attendance').waitFor();
    await expect.poll(() => page.getByTestId('attendance-row').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(sites);
    // Attendance follows the meeting: every site has joined (asked again while it is live).
    await expect.poll(() => page.locator('[data-testid="attendance-row"][data-joined="true"]').count(), { timeout: 40_000 }).toBeGreaterThanOrEqual(sites);
    expect(await page.getByTestId('countdown').innerText()).toContain('Đang họp');
  });

  it('downloads the attendance as CSV and the day as iCalendar, and prints the report alone', async () => {
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('attendance-csv').click()]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    const csvText = readFileSync(await csv.path(), 'utf8');
    expect(csvText).toContain('UBND');
    const [ics] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-ics').click()]);
    expect(ics.suggestedFilename()).toMatch(/\.ics$/);
    const icsText = readFileSync(await ics.path(), 'utf8');
    expect(icsText).toContain('BEGIN:VCALENDAR');
    expect(icsText).toContain('BEGIN:VEVENT');

    // "In báo cáo" calls window.print(); the print stylesheet shows the report and nothing else.
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void ((window as unknown as { printed: number }).printed += 1);
    });
    await page.getByTestId('attendance-print').click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await page.emulateMedia({ media: 'print' });
    const visibility = (testId: string) => page.getByTestId(testId).evaluate((el) => getComputedStyle(el).visibility);
    expect(await visibility('attendance-table')).toBe('visible');
    expect(await visibility('day-timeline')).toBe('hidden');
    expect(await visibility('start-panel')).toBe('hidden');
    expect(await page.locator('.report-head').innerText()).toContain('Báo cáo điểm danh');
    await page.screenshot({ path: join(SHOTS, 'schedule-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
  });

  it('looks like a console (screenshot) and logged no page errors', async () => {
    await page.getByTestId('start-panel').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    const png = await page.screenshot();
    expect(await distinctColours(page, png)).toBeGreaterThan(50);
    mkdirSync(DOCS, { recursive: true });
    writeFileSync(join(DOCS, 'screenshot-schedule.png'), png);
    expect(pageErrors).toEqual([]);
  });
});
