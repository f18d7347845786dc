/**
 * The test build of the web app (the Terminal's test hook in), which every system here serves: the tests read the
 * terminal through the hook. It lands in web/build/e2e/, so `npm start` keeps serving the production build.
 */
import { buildWeb } from '../../scripts/boot/index.mjs';

export default function setup(): void {
  buildWeb({ testHook: true });
}
