import { render } from 'preact';
import { App } from './app.tsx';
import { registerServiceWorker } from './offline/register-sw.ts';
import './ui/styles.css';

render(<App />, document.getElementById('app')!);
// The app shell and the report form's reference data are cached so a report can be made offline.
registerServiceWorker();
