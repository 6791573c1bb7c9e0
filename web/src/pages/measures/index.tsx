import { useEffect } from 'preact/hooks';
import { route } from '../../router.ts';
import MeasurePage from './edit.tsx';
import MeasuresList from './list.tsx';
import '../admin/admin.css';
import '../situation-pictures/situation-pictures.css';
import './measures.css';

/** /atgarder, /atgarder/ny (?placeId, areaId, situationPictureId, meetingId) and /atgarder/:id. */
export default function MeasuresPage() {
  const id = route.value.path.replace(/^\/atgarder\/?/, '').split('/')[0];
  useEffect(() => { window.scrollTo(0, 0); }, [id]);
  if (!id) return <MeasuresList />;
  return <MeasurePage key={id} id={id === 'ny' ? null : id} />;
}
