// /signin: where the server sends a sign-in that did not complete (?error=login_failed|login_refused|
// idp_unavailable), and a plain explanation of signing in otherwise; either way, a way to (re)try.

import { useLocation } from 'preact-iso';
import { SignInLink } from '../../../../components/SignInLink/index.jsx';
import { t } from '../../../../i18n/index.js';
import { useDocumentTitle } from '../../../../lib/use-document-title.js';
import './style.css';

// Functions, so the messages are looked up in the language of the moment.
const ERRORS = {
  login_failed: {
    title: () => t('auth.signin_page.errors.login_failed.title'),
    body: () => t('auth.signin_page.errors.login_failed.body'),
  },
  login_refused: {
    title: () => t('auth.signin_page.errors.login_refused.title'),
    body: () => t('auth.signin_page.errors.login_refused.body'),
  },
  idp_unavailable: {
    title: () => t('auth.signin_page.errors.idp_unavailable.title'),
    body: () => t('auth.signin_page.errors.idp_unavailable.body'),
  },
};

export default function SignInView() {
  const { query } = useLocation();
  const failure = Object.hasOwn(ERRORS, query?.error ?? '') ? ERRORS[query.error] : null;
  const title = failure ? failure.title() : t('auth.signin_page.title');
  useDocumentTitle(title);
  return (
    <section class="view signin-view" aria-labelledby="signin-title">
      <h1 id="signin-title" tabIndex={-1}>
        {title}
      </h1>
      {failure ? (
        <p class="signin-view__error" role="alert">
          {failure.body()}
        </p>
      ) : (
        <p class="view__lead">{t('auth.signin_page.body')}</p>
      )}
      <div class="signin-view__actions">
        <SignInLink label={failure ? t('auth.signin_page.retry') : t('auth.sign_in')} />
        <a class="signin-view__home" href="/">
          {t('auth.signin_page.home')}
        </a>
      </div>
    </section>
  );
}
