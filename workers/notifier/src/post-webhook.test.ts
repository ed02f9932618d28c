import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { DeliveryError } from './delivery-error.ts';
import { postWebhook } from './post-webhook.ts';
import { WebhookReceiver } from './testing/webhook-receiver.ts';

const receiver = new WebhookReceiver();
beforeAll(() => receiver.start());
afterAll(() => receiver.close());

const failure = async (promise: Promise<unknown>): Promise<DeliveryError> => {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
};

test('a webhook on this machine is refused unless private addresses are allowed', async () => {
  const refused = await failure(postWebhook(receiver.url('/a'), '{}', { allowPrivateAddresses: false }));
  expect(refused.permanent).toBe(true);
  expect(refused.message).toMatch(/loopback/);
  expect(receiver.at('/a')).toHaveLength(0);
  expect(await postWebhook(receiver.url('/a'), '{"x":1}', { allowPrivateAddresses: true })).toBe(200);
  expect(receiver.at('/a')[0]).toMatchObject({ body: '{"x":1}', headers: { 'content-type': 'application/json' } });
});

test('a cloud metadata address is refused even when private addresses are allowed', async () => {
  const refused = await failure(postWebhook('http://169.254.169.254/latest', '{}', { allowPrivateAddresses: true }));
  expect(refused.permanent).toBe(true);
});

test('5xx, 408 and 429 are retried; other answers are not', async () => {
  for (const [status, permanent] of [[500, false], [503, false], [429, false], [408, false], [404, true], [400, true], [301, true]] as const) {
    const error = await failure(postWebhook(receiver.url(`/s${status}`, [status]), '{}', { allowPrivateAddresses: true }));
    expect([status, error.permanent]).toEqual([status, permanent]);
  }
});

test("a receiver's redirect is not followed, and the error does not quote the webhook's secret path", async () => {
  const secretPath = '/services/T0001/B0001/SECRETxyz123';
  const server = createServer((req, res) => res.writeHead(301, { location: `https://hooks.example${req.url}` }).end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const error = await failure(postWebhook(`${origin}${secretPath}?token=abc`, '{}', { allowPrivateAddresses: true }));
    expect(error.permanent).toBe(true);
    expect(error.message).toMatch(/answered with a redirect \(HTTP 301\)/);
    expect(error.message).not.toMatch(/SECRET|token=abc/);
  } finally {
    server.close();
  }
});

test("an address that is not one is refused without quoting it", async () => {
  const error = await failure(postWebhook('hooks.example/services/SECRETxyz123', '{}', { allowPrivateAddresses: true }));
  expect(error.permanent).toBe(true);
  expect(error.message).toMatch(/not a URL/);
  expect(error.message).not.toMatch(/SECRET/);
});
