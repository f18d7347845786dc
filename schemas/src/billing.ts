/**
 * What powering a droplet off does to its bill (seed §9.2), in the package both the web (next to Power Off, the auto
 * power-off switch) and the channels (the message after an automatic power-off) already import: one wording for the
 * same fact everywhere.
 */
export const POWER_OFF_BILLING =
  'Compute billing stops. Storage and reserved IP continue to be billed. To stop all charges, destroy the droplet.';
