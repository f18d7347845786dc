/** The system tests need the web app built: the Worker's `[assets]` and its SvelteKit entry come from it. */
import { buildWeb } from './system.ts';

export default function setup(): void {
  // The tests read the terminal through its test hook, which only such builds have (deploys rebuild without it).
  buildWeb({ testHook: true });
}
