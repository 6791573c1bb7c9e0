import { t } from '../../i18n/index.ts';

/** Placeholder until the page is built; replaced by its owner. */
export default function Page() {
  return <p>{t('app.loading')}</p>;
}
