/**
 * How a browser-side transfer ends when it does not finish: cancelled by the person, stopped at the 5-minute cap
 * (the same FILE_TRANSFER_TIMEOUT_MS the hub and the gateway enforce, so the browser gives up no later than they
 * do and says why), or cut by the network. Each is an ApiError so the page shows it like any other.
 */
import { FILE_TRANSFER_TIMEOUT_MS } from '@vibecode/schemas';
import { ApiError } from '../api/api-error.ts';

export const TRANSFER_CAP_LABEL = `${FILE_TRANSFER_TIMEOUT_MS / 60_000} minutes`;

export type Direction = 'upload' | 'download';

export const cancelled = (direction: Direction) =>
  new ApiError(0, `${direction}.cancelled`, `The ${direction} was cancelled.`);

export const timedOut = () =>
  new ApiError(0, 'file.timeout', `The transfer took longer than ${TRANSFER_CAP_LABEL} and was stopped.`);

export const interrupted = (direction: Direction) =>
  new ApiError(0, 'network.unreachable', `The ${direction} was interrupted. Check your connection and try again.`);

/** True for the error a Cancel produces: the person's own choice, not a failure. */
export function isCancel(error: unknown): boolean {
  return error instanceof ApiError && (error.code === 'upload.cancelled' || error.code === 'download.cancelled');
}
