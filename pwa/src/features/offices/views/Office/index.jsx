// One office (/offices/:code, a link anyone can share): address, phone, the week of hours with today
// marked, services, directions in the map apps, and share. Offline, from the registry kept on the phone.

import { useEffect, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { useAppConfig } from '../../../../api/app-config.js';
import { ApiError } from '../../../../api/client.js';
import { Chip } from '../../../../components/Chip/index.jsx';
import { ForwardIcon, PlaceIcon } from '../../../../components/Icon/index.jsx';
import { faDigits, t } from '../../../../i18n/index.js';
import { useDocumentTitle } from '../../../../lib/use-document-title.js';
import { OfflineNotice } from '../../components/OfflineNotice/index.jsx';
import { OpenStatus } from '../../components/OpenStatus/index.jsx';
import { WeekHours } from '../../components/WeekHours/index.jsx';
import { directionLinks, getOffice } from '../../data.js';
import { kindLabel } from '../../format.js';
import './style.css';

function telHref(phone) {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

function Share({ office }) {
  const [copied, setCopied] = useState(false);
  const url = `${window.location.origin}/offices/${encodeURIComponent(office.code)}`;

  async function share() {
    const data = { title: office.name, text: `${office.name} — ${office.address}`, url };
    if (navigator.share && (!navigator.canShare || navigator.canShare(data))) {
      try {
        await navigator.share(data);
        return;
      } catch (error) {
        if (error?.name === 'AbortError') return; // the person closed the share sheet
      }
    }
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
      setTimeout(() => setCopied(false), 3000);
    } catch (error) {
      console.warn('[office] the link could not be copied', error);
    }
  }

  return (
    <div class="office-view__share">
      <button type="button" class="button office-view__secondary" onClick={share}>
        {navigator.share ? t('offices.office.share') : t('offices.office.copy_link')}
      </button>
      <span role="status" class="office-view__copied">
        {copied ? t('offices.office.copied') : ''}
      </span>
    </div>
  );
}

function Directions({ office }) {
  const links = directionLinks(office);
  return (
    <section class="office-view__section" aria-labelledby="directions-title">
      <h2 id="directions-title">{t('offices.office.directions')}</h2>
      <ul class="office-view__directions">
        {['neshan', 'balad', 'google', 'geo'].map((app) => (
          <li key={app}>
            <a class="button office-view__secondary" href={links[app]} target={app === 'geo' ? undefined : '_blank'} rel="noopener noreferrer">
              <PlaceIcon size={20} />
              <span>{t(`offices.office.${app}`)}</span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Details({ office, offline, sandbox }) {
  const now = new Date();
  return (
    <>
      <div class="office-view__badges">
        <Chip tone="active">{kindLabel(office.kind)}</Chip>
        <OpenStatus office={office} now={now} />
      </div>
      {(sandbox || offline?.sample) && (
        <p class="office-view__sample" role="note">
          {t('offices.office.sample')}
        </p>
      )}
      <OfflineNotice offline={offline} class="office-view__offline" />
      <dl class="office-view__facts">
        <div>
          <dt>{t('offices.office.address')}</dt>
          <dd>
            <address>
              {faDigits(office.address)}، {office.city}
              {office.county && office.county !== office.city ? `، ${office.county}` : ''}، {t(`catalog.provinces.${office.province}`)}
            </address>
          </dd>
        </div>
        {office.postal_code && (
          <div>
            <dt>{t('offices.office.postal_code')}</dt>
            <dd>
              <bdi>{faDigits(office.postal_code)}</bdi>
            </dd>
          </div>
        )}
        {office.phone && (
          <div>
            <dt>{t('offices.office.phone')}</dt>
            <dd>
              <a href={telHref(office.phone)} aria-label={t('offices.office.call', { phone: faDigits(office.phone) })}>
                <bdi>{faDigits(office.phone)}</bdi>
              </a>
            </dd>
          </div>
        )}
        <div>
          <dt>{t('offices.office.counters')}</dt>
          <dd>{t('offices.card.counters', { count: office.counters })}</dd>
        </div>
        {office.accessibility && (
          <div>
            <dt>{t('offices.office.accessibility')}</dt>
            <dd>{office.accessibility}</dd>
          </div>
        )}
      </dl>
      <section class="office-view__section">
        <WeekHours hours={office.hours} now={now} />
        <p class="office-view__note">{t('offices.office.holidays')}</p>
      </section>
      <section class="office-view__section" aria-labelledby="services-title">
        <h2 id="services-title">{t('offices.office.services')}</h2>
        <ul class="office-view__services">
          {office.services.map((service) => (
            <li key={service}>{t(`catalog.services.${service}`)}</li>
          ))}
        </ul>
      </section>
      <Directions office={office} />
      <Share office={office} />
    </>
  );
}

export default function OfficeView() {
  const { params } = useRoute();
  const { sandbox } = useAppConfig();
  const [state, setState] = useState({ status: 'loading' });

  useEffect(() => {
    let live = true;
    setState({ status: 'loading' });
    getOffice(params.code).then(
      ({ office, offline }) => live && setState({ status: 'done', office, offline }),
      (error) => live && setState({ status: 'failed', error }),
    );
    return () => {
      live = false;
    };
  }, [params.code]);

  const notFound = state.status === 'failed' && state.error instanceof ApiError && state.error.status === 404;
  const title = state.office ? faDigits(state.office.name) : t('offices.title');
  useDocumentTitle(title);
  return (
    <article class="view office-view" aria-labelledby="office-title">
      <a class="office-view__back" href="/offices">
        <ForwardIcon size={20} />
        <span>{t('offices.office.back')}</span>
      </a>
      <h1 id="office-title" tabIndex={-1}>
        {title}
      </h1>
      {state.status === 'loading' && (
        <p class="office-view__status" role="status">
          {t('common.loading')}
        </p>
      )}
      {state.status === 'failed' && (
        <p class="office-view__warning" role="alert">
          {notFound ? t('offices.office.not_found') : t('offices.office.failed')}
        </p>
      )}
      {state.status === 'done' && <Details office={state.office} offline={state.offline} sandbox={sandbox} />}
    </article>
  );
}
