/**
 * An address as the bot shows it in a chat (`a***@example.com`): enough for the user to recognise their account,
 * not enough for anyone reading over their shoulder to learn it.
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0 || at === email.length - 1) return '***';
  const [first = ''] = Array.from(email.slice(0, at));
  return `${first}***${email.slice(at)}`;
}
