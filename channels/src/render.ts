/** Plain-text wording of each notification kind, shared by the banner title and the email. */
import type { Notification } from '@vibecode/core/ports';
import { POWER_OFF_BILLING } from '@vibecode/schemas';

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
    case 'session.waiting':
      return renderWaiting(n, link, since);
    case 'vps.auto_powered_off':
      return {
        subject: `${n.vpsName} was powered off`,
        text: `Nothing needed ${n.vpsName} since ${since}: no agent working, nobody watching, no terminal activity. As you chose, it was powered off. ${POWER_OFF_BILLING} Power it on again from its page:\n\n${link}`,
        link,
      };
    case 'vps.provisioning_timeout':
      return {
        subject: `${n.vpsName} did not come up`,
        text: `${n.vpsName} was created, but its gateway never reported in. Retry, or check the provider's console:\n\n${link}`,
        link,
      };
  }
}

/** One server's sessions whose questions waited too long, in one message however many (they came due together). */
function renderWaiting(n: Notification, serverLink: string, since: string): Rendered {
  const sessions = n.sessions ?? [];
  const linkOf = (id: string) => `${serverLink}/sessions/${encodeURIComponent(id)}`;
  const [only] = sessions;
  if (sessions.length === 1 && only !== undefined) {
    const link = linkOf(only.id);
    return {
      subject: `${only.title} on ${n.vpsName} is waiting for you`,
      text: `Since ${since} it has been asking:\n\n${only.detail}\n\nAnswer it here:\n\n${link}`,
      link,
    };
  }
  const list = sessions.map((s) => `${s.title}: ${s.detail}\n${linkOf(s.id)}`).join('\n\n');
  return {
    subject: `${sessions.length} sessions on ${n.vpsName} are waiting for you`,
    text: `Since ${since} or later, each of these has been asking:\n\n${list}\n\nAll of ${n.vpsName}:\n\n${serverLink}`,
    link: serverLink,
  };
}
