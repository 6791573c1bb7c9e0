import { useEffect } from 'preact/hooks';
import { t } from '../../i18n/index.ts';

/** Mina uppgifter: one's own register extract (GDPR art. 15), downloaded straight from the API. */
export default function MyDataPage() {
  useEffect(() => { document.title = `${t('retention.myDataTitle')} – ${t('app.name')}`; }, []);
  return (
    <div class="my-data">
      <h1>{t('retention.myDataTitle')}</h1>
      <p>{t('retention.myDataIntro')}</p>
      <p>
        <a class="button primary" href="/api/me/register-extract?format=pdf" download>{t('retention.extractPdf')}</a>{' '}
        <a class="button" href="/api/me/register-extract?format=json" download>{t('retention.extractJson')}</a>
      </p>
      <p class="muted">{t('retention.myDataErase')}</p>
    </div>
  );
}
