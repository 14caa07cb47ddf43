// The states around the citizen's own data: loading, failed, signed out, and "this is the last copy".
// Shared by every view of personal data (cases, hearings, notices…).

import { ApiError } from '../../api/client.js';
import { t } from '../../i18n/index.js';
import { formatDateTime } from '../../lib/dates.js';
import { RefreshIcon } from '../Icon/index.jsx';
import { SignInLink } from '../SignInLink/index.jsx';
import './style.css';

export function Loading() {
  return (
    <p class="data-state data-state--loading" role="status">
      {t('common.loading')}
    </p>
  );
}

/** Nothing to show: offline with nothing kept, or the server's problem (its localised title and detail). */
export function LoadFailed({ error, onRetry }) {
  const problem = error instanceof ApiError;
  return (
    <div class="data-state data-state--failed" role="alert">
      <p class="data-state__title">{problem ? error.title : t('cases.failed.offline')}</p>
      {problem && error.detail && <p class="data-state__detail">{error.detail}</p>}
      {onRetry && (
        <button type="button" class="button" onClick={onRetry}>
          <RefreshIcon size={20} />
          <span>{t('common.actions.retry')}</span>
        </button>
      )}
    </div>
  );
}

/** Not signed in: what the citizen gets by signing in, and the way there. */
export function SignedOutNotice({ title, body }) {
  return (
    <div class="data-state data-state--signed-out">
      <h2 class="data-state__title">{title}</h2>
      <p class="data-state__detail">{body}</p>
      <SignInLink />
    </div>
  );
}

/** Whether the resource failed because the citizen is not signed in. */
export function isSignedOut(resource) {
  return resource.error instanceof ApiError && resource.error.status === 401;
}

/**
 * What a view of the citizen's own data shows before it has data: the signed-out notice, loading, or
 * the failure with a retry. Null once the data is there (the view renders it). `signedOut` may give the
 * notice's own {title, body}.
 */
export function resourceState(resource, signedOut = {}) {
  if (isSignedOut(resource)) {
    const { title = t('cases.signed_out.title'), body = t('cases.signed_out.body') } = signedOut;
    return <SignedOutNotice title={title} body={body} />;
  }
  if (resource.status === 'loading') return <Loading />;
  if (resource.status === 'failed') return <LoadFailed error={resource.error} onRetry={resource.refresh} />;
  return null;
}

/**
 * Shown over data that may be old: the server's last copy while the core is down (`data.stale`), or
 * this device's copy while offline (or after a refresh failed). Says when it was last updated and
 * offers to refresh. Renders nothing for fresh data.
 */
export function StaleNotice({ resource }) {
  const { data, offline, error, refreshing, refresh } = resource;
  if (!data || !(data.stale || offline || error)) return null;
  return (
    <div class="stale-notice" role="status">
      <p class="stale-notice__text">
        <span>{offline ? t('cases.stale.offline') : t('cases.stale.core_down')}</span>{' '}
        {data.fetched_at && (
          <strong class="stale-notice__updated">
            {t('cases.stale.updated', { when: formatDateTime(data.fetched_at) })}
          </strong>
        )}
      </p>
      <button type="button" class="button stale-notice__refresh" onClick={refresh} disabled={refreshing}>
        <RefreshIcon size={20} />
        <span>{refreshing ? t('cases.stale.refreshing') : t('cases.stale.refresh')}</span>
      </button>
    </div>
  );
}
