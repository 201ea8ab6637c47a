/**
 * The second process of the two-process budget test, run with `node --import tsx`: opens the store
 * file it is given, waits for "go", spends through it like the parent does, and reports.
 */
import { openStore } from '../open-store.js';
import { spend } from './spend.test-support.js';

const [path, url, calls, concurrency] = process.argv.slice(2);
const store = openStore({ path: path!, env: {} });
process.send?.({ type: 'ready' });
process.once('message', async () => {
  const spending = await spend(store, url!, { calls: Number(calls), concurrency: Number(concurrency) });
  store.close();
  process.send?.({ type: 'done', spending }, () => process.exit(0));
});
