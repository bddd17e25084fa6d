import { useTranslation } from 'react-i18next';
import '../auth/auth.css';
import { useConnectionStore } from '../../stores/connection-store.js';
import { useNetworkStore } from '../../stores/network-store.js';
import { useAuthStore } from '../auth/auth-context.js';

/**
 * Who is logged in (the engine's `whoami`): user and role, the scope by site name when the
 * account sees only part of the network, and the logout button.
 */
export function UserBadge() {
  const { t } = useTranslation();
  const identity = useConnectionStore((s) => s.identity);
  const sitesById = useNetworkStore((s) => s.index?.sitesById ?? null);
  const auth = useAuthStore();
  if (!identity) {
    return (
      <span className="user faint" data-testid="user">
        {t('user.unknown')}
      </span>
    );
  }
  const scope = identity.scope ?? [];
  const scopeText = scope.length ? t('auth.user.scope', { sites: scope.map((id) => sitesById?.get(id)?.name ?? '…').join(', ') }) : null;
  const displayName = 'displayName' in identity && typeof identity.displayName === 'string' ? identity.displayName : null;
  return (
    <span className="user-box">
      <span className="user" data-testid="user" data-role={identity.role} title={[t('auth.user.label'), displayName, t(`user.role.${identity.role}`), scopeText].filter(Boolean).join(' · ')}>
        <span className="user__line">
          <span className="user__name">{identity.user}</span>
          <span className="user__role">
            {' · '}
            {t(`user.role.${identity.role}`)}
          </span>
        </span>
        {scopeText && (
          <span className="user__scope" data-testid="user-scope">
            {scopeText}
          </span>
        )}
      </span>
      {auth && (
        <button type="button" className="user__logout" data-testid="logout" title={t('auth.user.logoutTitle', { user: identity.user })} onClick={() => void auth.getState().logout()}>
          {t('auth.user.logout')}
        </button>
      )}
    </span>
  );
}
