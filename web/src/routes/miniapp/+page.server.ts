/**
 * Where the page loads Telegram's script from (the Worker var `TELEGRAM_WEBAPP_SCRIPT_URL`, checked by
 * `webAppScript`). A misconfigured URL is a 500 for the page, named only in the Worker's log.
 */
import { error } from '@sveltejs/kit';
import { webAppScript } from '@vibecode/miniapp';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ platform }) => {
  const script = webAppScript(platform?.env);
  if (!script.ok) {
    console.error(JSON.stringify({ level: 'error', component: 'miniapp', message: script.problem }));
    error(500, 'The Telegram Mini App is not set up correctly on this VibeCode server.');
  }
  return { scriptUrl: script.url };
};
