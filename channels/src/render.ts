/** Plain-text wording of each notification kind, shared by the banner title and the email. */
import type { Notification } from '@vibecode/core/ports';

export interface Rendered {
  subject: string;
  text: string;
  link: string;
}

export function renderNotification(n: Notification, appUrl: string): Rendered {
  const link = `${appUrl}/vps/${encodeURIComponent(n.vpsId)}`;
  const since = new Date(n.since).toISOString();
  switch (n.kind) {
    case 'vps.idle':
      return {
        subject: `${n.vpsName} has been idle for 24 hours`,
        text: `Nothing has happened on ${n.vpsName} since ${since}. Power it off to stop paying for it, or keep it running:\n\n${link}`,
        link,
      };
    case 'vps.offline':
      return {
        subject: `${n.vpsName} is offline`,
        text: `The gateway on ${n.vpsName} has not been reachable since ${since}. Its sessions continue once it is back:\n\n${link}`,
        link,
      };
    case 'session.waiting': {
      const session = n.session;
      const title = session?.title ?? 'A session';
      const sessionLink = session === undefined ? link : `${link}/sessions/${encodeURIComponent(session.id)}`;
      return {
        subject: `${title} on ${n.vpsName} is waiting for you`,
        text: `Since ${since} it has been asking:\n\n${session?.detail ?? '(a question)'}\n\nAnswer it here:\n\n${sessionLink}`,
        link: sessionLink,
      };
    }
    case 'vps.provisioning_timeout':
      return {
        subject: `${n.vpsName} did not come up`,
        text: `${n.vpsName} was created, but its gateway never reported in. Retry, or check the provider's console:\n\n${link}`,
        link,
      };
  }
}
