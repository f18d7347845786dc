import { describe, expect, it } from 'vitest';
import {
  AUTO_POWER_OFF_CHOICES,
  autoPowerOffExplained,
  autoPowerOffLabel,
  choiceHours,
  choiceValue,
} from './auto-power-off.ts';

describe('the auto power-off switch', () => {
  it('reads each choice in hours, days or a week', () => {
    expect(AUTO_POWER_OFF_CHOICES.map(autoPowerOffLabel)).toEqual([
      'Never',
      'After 1 hour unattended',
      'After 2 hours unattended',
      'After 4 hours unattended',
      'After 8 hours unattended',
      'After 12 hours unattended',
      'After 1 day unattended',
      'After 2 days unattended',
      'After 1 week unattended',
    ]);
  });

  it('offers only hours the API takes', () => {
    for (const hours of AUTO_POWER_OFF_CHOICES) {
      if (hours !== null) expect(Number.isInteger(hours) && hours >= 1 && hours <= 168).toBe(true);
    }
  });

  it('turns each choice into an option value and back', () => {
    for (const hours of AUTO_POWER_OFF_CHOICES) expect(choiceHours(choiceValue(hours))).toBe(hours);
    expect(choiceValue(null)).toBe('');
    expect(choiceValue(12)).toBe('12');
  });

  it('says what counts as unattended, and what powering off costs only when it is on', () => {
    expect(autoPowerOffExplained(null)).toMatch(/^Off: this server stays on until you power it off\. Unattended means/);
    expect(autoPowerOffExplained(null)).not.toContain('billing');
    const on = autoPowerOffExplained(4);
    expect(on).toContain('powered off after 4 hours unattended, counted from now at the earliest');
    expect(on).toContain('no agent working, nobody with a terminal open, and no terminal input or output');
    expect(on).toContain('continue when its usage limit resets keeps the server on');
    expect(on).toMatch(/Compute billing stops\. Storage and reserved IP continue to be billed\./);
  });
});
