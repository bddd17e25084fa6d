import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../shared/api/errors.js';
import { errorWords } from '../../renderer/i18n/error-words.js';
import { i18n } from '../../renderer/i18n/index.js';
import './dom-setup.js';

describe('a failure in the user’s words', () => {
  afterEach(() => void i18n.changeLanguage('vi'));

  it('words an engine error from its code and reason, never its English message', async () => {
    await i18n.changeLanguage('vi');
    const refused = new ApiError('forbidden', 'muteParticipant is not allowed for supervisor');
    expect(errorWords(refused)).toBe(i18n.t('errors.code.forbidden'));
    expect(errorWords(refused)).not.toContain('muteParticipant');
    const reasoned = new ApiError('unavailable', 'the inventory file could not be written: EROFS', undefined, { reason: 'inventory_not_saved' });
    expect(errorWords(reasoned)).toBe(i18n.t('errors.reason.inventory_not_saved'));
    expect(errorWords(reasoned)).not.toMatch(/EROFS|inventory file/);
  });

  it('gives a fault inside the console itself the internal-error words (the exception goes to the developer console)', async () => {
    await i18n.changeLanguage('vi');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(errorWords(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(i18n.t('errors.code.internal'));
    expect(warn).toHaveBeenCalled();
    await i18n.changeLanguage('en');
    expect(errorWords('socket hang up')).toBe(i18n.t('errors.code.internal'));
    expect(i18n.t('errors.code.internal')).not.toBe(i18n.getFixedT('vi')('errors.code.internal'));
    warn.mockRestore();
  });
});
