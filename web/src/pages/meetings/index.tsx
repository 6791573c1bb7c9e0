import { useEffect } from 'preact/hooks';
import { route } from '../../router.ts';
import CreateMeeting from './create.tsx';
import MeetingsList from './list.tsx';
import MeetingPage from './meeting.tsx';
import '../admin/admin.css';
import '../situation-pictures/situation-pictures.css';

/** /moten, /moten/ny (?situationPictureId) and /moten/:id. */
export default function MeetingsPage() {
  const id = route.value.path.replace(/^\/moten\/?/, '').split('/')[0];
  useEffect(() => { window.scrollTo(0, 0); }, [id]);
  if (!id) return <MeetingsList />;
  if (id === 'ny') return <CreateMeeting />;
  return <MeetingPage key={id} id={id} />;
}
