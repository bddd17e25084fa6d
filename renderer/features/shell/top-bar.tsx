import { useTranslation } from 'react-i18next';
import { useNetworkStore } from '../../stores/network-store.js';
import { AlarmBanner } from '../alarms/alarm-banner.js';
import { SoundToggle } from '../alarms/sound-toggle.js';
import { StatusCounters } from '../topology/status-counters.js';
import { Clock } from './clock.js';
import { ConnectionIndicator } from './connection-indicator.js';
import { LanguageSwitch } from './language-switch.js';
import { McuIndicator } from './mcu-indicator.js';
import { TextSizeChoice } from './text-size-choice.js';
import { PollerIndicator } from './poller-indicator.js';
import { UserBadge } from './user-badge.js';

const NO_ENDPOINTS: readonly string[] = [];

/** Province · clock · engine link · MCU · poller · alarms · totals · user · text size · language. */
export function TopBar() {
  const { t } = useTranslation();
  const province = useNetworkStore((s) => s.network?.name ?? null);
  const timezone = useNetworkStore((s) => s.network?.timezone ?? 'Asia/Ho_Chi_Minh');
  const endpointIds = useNetworkStore((s) => s.index?.endpointIds ?? NO_ENDPOINTS);
  return (
    <header className="top-bar" aria-label={t('topbar.label')}>
      <span className="top-bar__province" data-testid="province" title={t('topbar.province')}>
        {province ?? '…'}
      </span>
      <Clock timezone={timezone} />
      <ConnectionIndicator />
      <McuIndicator />
      <PollerIndicator />
      <span className="top-bar__spacer" />
      <AlarmBanner />
      <SoundToggle />
      {province !== null && <StatusCounters endpointIds={endpointIds} className="totals" testId="totals" />}
      <UserBadge />
      <TextSizeChoice />
      <LanguageSwitch />
    </header>
  );
}
