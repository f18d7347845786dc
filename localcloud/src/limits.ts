/** DigitalOcean's own caps that localcloud enforces, in a module of their own so the cloud and its test hooks share them. */

/** DigitalOcean's own cap on `user_data`. */
export const MAX_USER_DATA_BYTES = 64 * 1024;
/** Droplets one account may have at once; the API reports it as `droplet_limit`. */
export const DROPLET_LIMIT = 10;
