import { expect, it } from 'vitest';
import { deliveryProblem } from './delivery.js';

it('says nothing when the webhook took the update', () => {
  expect(deliveryProblem({ delivered: true, status: 200 })).toBeUndefined();
  expect(deliveryProblem({ delivered: true, status: 204 })).toBeUndefined();
});

it('says plainly why an update did not reach the bot, or what its webhook answered', () => {
  expect(deliveryProblem({ delivered: false, reason: 'no_webhook' })).toBe(
    'Not delivered: the bot has no webhook set (it never called setWebhook, or called deleteWebhook).',
  );
  expect(deliveryProblem({ delivered: false, reason: 'unreachable' })).toBe(
    "Not delivered: the bot's webhook URL could not be reached. Is the app running?",
  );
  expect(deliveryProblem({ delivered: false, reason: 'not_allowed' })).toBe(
    "Not delivered: the webhook's allowed_updates leave out this kind of update.",
  );
  expect(deliveryProblem({ delivered: false })).toBe('Not delivered.');
  expect(deliveryProblem({ delivered: true, status: 401 })).toBe(
    "Delivered, but the bot's webhook answered 401 (wrong or missing secret token?).",
  );
  expect(deliveryProblem({ delivered: true, status: 500 })).toBe("Delivered, but the bot's webhook answered 500.");
});
