/**
 * The dashboard's word on a DigitalOcean connect that did not happen: the control plane's callback sends the
 * browser to `/dashboard?cloud=denied` when the person said no there, `?cloud=failed` when DigitalOcean could not
 * ask (core/src/cloud/routes.ts).
 */
export function cloudReturnText(search: URLSearchParams): string | null {
  switch (search.get('cloud')) {
    case 'denied':
      return 'DigitalOcean was not connected: access was not granted. Connect again whenever you are ready.';
    case 'failed':
      return 'DigitalOcean could not complete the connection. Please try connecting again.';
    default:
      return null;
  }
}
