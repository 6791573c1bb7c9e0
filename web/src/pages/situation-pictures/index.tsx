import { useEffect } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import { route } from '../../router.ts';
import ComparePage from './compare.tsx';
import CreatePage from './create.tsx';
import EditionPage from './edition.tsx';
import ListPage from './list.tsx';
import '../admin/admin.css';
import './situation-pictures.css';

/** /lagesbilder, /lagesbilder/ny, /lagesbilder/:id and /lagesbilder/:id/jamfor/:other. */
export default function SituationPicturesPage() {
  const parts = route.value.path.replace(/^\/lagesbilder\/?/, '').split('/').filter(Boolean);
  const key = parts.join('/');
  useEffect(() => { window.scrollTo(0, 0); }, [key]);
  if (parts.length === 0) return <ListPage />;
  if (parts[0] === 'ny') return <CreatePage />;
  if (parts.length === 1) return <EditionPage key={parts[0]} id={parts[0]} />;
  if (parts[1] === 'jamfor' && parts[2]) return <ComparePage key={key} id={parts[0]} other={parts[2]} />;
  return <p role="alert">{t('app.notFound')}</p>;
}
