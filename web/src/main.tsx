import { render } from 'preact';
import { App } from './app.tsx';
import { registerServiceWorker } from './offline/register-sw.ts';
import './ui/styles.css';

render(<App />, document.getElementById('app')!);
// Every page and the report form's reference data are stored for offline use; the outbox is also sent from there.
registerServiceWorker();
