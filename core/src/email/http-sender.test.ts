import { describe, expect, it } from 'vitest';
import { EmailSendError } from './email-sender.ts';
import { createHttpSender } from './http-sender.ts';

const config = { apiUrl: 'https://api.resend.test', apiKey: 're_secret', from: 'VibeCode <login@vibecode.test>' };
const message = { to: 'ada@example.com', subject: 'Sign in', text: 'open https://x/y', link: 'https://x/y' };

describe('http email sender (Resend wire format)', () => {
  it('POSTs the message to /emails with the bearer key', async () => {
    const seen: Request[] = [];
    const sender = createHttpSender(config, async (input) => {
      seen.push(input as Request);
      return Response.json({ id: 'email_1' });
    });
    await sender.send(message);
    const [request] = seen;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('https://api.resend.test/emails');
    expect(request?.headers.get('authorization')).toBe('Bearer re_secret');
    expect(await request?.json()).toEqual({
      from: 'VibeCode <login@vibecode.test>',
      to: ['ada@example.com'],
      subject: 'Sign in',
      text: 'open https://x/y',
    });
  });

  it('keeps a path prefix in the API URL', async () => {
    const urls: string[] = [];
    const sender = createHttpSender({ ...config, apiUrl: 'http://127.0.0.1:9/resend' }, async (input) => {
      urls.push((input as Request).url);
      return new Response(null, { status: 200 });
    });
    await sender.send(message);
    expect(urls).toEqual(['http://127.0.0.1:9/resend/emails']);
  });

  it('fails with a typed error that holds neither the key nor the link', async () => {
    const rejected = createHttpSender(config, async () => new Response('nope', { status: 422 }));
    const error = await rejected.send(message).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmailSendError);
    expect((error as Error).message).toBe('email API answered 422');

    const unreachable = createHttpSender(config, async () => {
      throw new TypeError('connect ECONNREFUSED re_secret');
    });
    const error2 = await unreachable.send(message).catch((e: unknown) => e);
    expect((error2 as Error).message).toBe('email API unreachable: TypeError');
  });
});
