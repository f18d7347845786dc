/**
 * The server page's opt-in power-off (issue 17): the choices offered, how each reads, and what the switch does and
 * costs, in the words the page shows under it.
 */
import { POWER_OFF_BILLING } from '@vibecode/schemas';

/** null: never. Hours a person would pick; the API takes any whole hour from 1 to 168. */
export const AUTO_POWER_OFF_CHOICES: readonly (number | null)[] = [null, 1, 2, 4, 8, 12, 24, 48, 168];

/** A choice as a select's option value (always a string): the hours, or '' for never. */
export const choiceValue = (hours: number | null): string => (hours === null ? '' : String(hours));

/** The hours an option value stands for (`choiceValue`'s inverse). */
export const choiceHours = (value: string): number | null => (value === '' ? null : Number(value));

export function autoPowerOffLabel(hours: number | null): string {
  if (hours === null) return 'Never';
  if (hours === 168) return 'After 1 week unattended';
  if (hours % 24 === 0) return `After ${hours / 24} day${hours === 24 ? '' : 's'} unattended`;
  return `After ${hours} hour${hours === 1 ? '' : 's'} unattended`;
}

/** The switch's explanation, with the billing copy of seed §9.2 the power button also shows. */
export function autoPowerOffExplained(hours: number | null): string {
  const rule =
    'Unattended means no agent working, nobody with a terminal open, and no terminal input or output. A session ' +
    'set to continue when its usage limit resets keeps the server on. You are told when it happens.';
  if (hours === null) return `Off: this server stays on until you power it off. ${rule}`;
  return `This server is powered off ${autoPowerOffLabel(hours).toLowerCase()}, counted from now at the earliest; running sessions stop with it. ${rule} ${POWER_OFF_BILLING}`;
}
