// Bootstrap of the near-repeat worker thread. On Node 20 a worker does not pick up `--import tsx`
// from its execArgv (its entry fails with "Unknown file extension .ts", checked on 20.20), so the
// worker registers tsx itself and then loads the TypeScript body. Works the same on later Node.
import { register } from 'tsx/esm/api';

register();
await import('./near-repeat-worker.ts');
