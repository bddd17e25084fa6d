import { useTranslation } from 'react-i18next';
import { useConnectionStore } from '../../stores/connection-store.js';

/** Who the engine says we are (`whoami`): user and role. */
export function UserBadge() {
  const { t } = useTranslation();
  const identity = useConnectionStore((s) => s.identity);
  if (!identity) {
    return (
      <span className="user faint" data-testid="user">
        {t('user.unknown')}
      </span>
    );
  }
  return (
    <span className="user" data-testid="user" title={t('user.label')}>
      <span className="user__name">{identity.user}</span> · {t(`user.role.${identity.role}`)}
    </span>
  );
}
