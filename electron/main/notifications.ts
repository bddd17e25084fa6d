import { Notification, type BrowserWindow } from 'electron';
import { z } from 'zod';

/** What the renderer asks main to show: already worded in the desk's language. */
export const NotificationSchema = z.strictObject({
  title: z.string().min(1).max(200),
  body: z.string().max(500),
});
export type DesktopNotification = z.infer<typeof NotificationSchema>;

/** At most one notification per this many ms; the renderer sends one per batch of new alarms. */
export const MIN_GAP_MS = 2000;

/**
 * Desktop notifications for new critical and high alarms while the console's window is not
 * focused (ISA-18.2: the operator must learn of them wherever they look). Silent: the console
 * plays its own sound, which the desk can silence. A click brings the window forward. A page
 * cannot flood the desktop: one per MIN_GAP_MS, the rest dropped.
 */
export class DesktopNotifier {
  private last = -Infinity;

  constructor(
    private readonly win: BrowserWindow,
    private readonly now: () => number = Date.now,
  ) {}

  show(n: DesktopNotification): boolean {
    if (this.win.isDestroyed() || this.win.isFocused() || !Notification.isSupported()) return false;
    const t = this.now();
    if (t - this.last < MIN_GAP_MS) return false;
    this.last = t;
    try {
      const notification = new Notification({ title: n.title, body: n.body, silent: true });
      notification.on('click', () => {
        if (this.win.isDestroyed()) return;
        if (this.win.isMinimized()) this.win.restore();
        this.win.show();
        this.win.focus();
      });
      notification.show();
      return true;
    } catch (err) {
      console.warn('bridgepoint: desktop notification failed:', err);
      return false;
    }
  }
}
