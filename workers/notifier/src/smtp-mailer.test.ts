import { afterAll, beforeAll, expect, test } from 'vitest';
import { DeliveryError } from './delivery-error.ts';
import { createSmtpMailer } from './smtp-mailer.ts';
import { SmtpSink } from './testing/smtp-sink.ts';

const sink = new SmtpSink();
beforeAll(() => sink.start());
afterAll(() => sink.close());

const message = { to: 'analyst@example.org', subject: 'Hello', text: 'Body', html: '<p>Body</p>' };

test('the SMTP host obeys the same address rule as every outbound request', async () => {
  const refused = await createSmtpMailer({ smtpUrl: sink.url, from: 'radar@test.invalid', allowPrivateAddresses: false })
    .send(message)
    .then(() => null, (e: unknown) => e);
  expect(refused).toBeInstanceOf(DeliveryError);
  expect((refused as DeliveryError).message).toMatch(/SMTP host 127\.0\.0\.1 is refused: .*loopback/);
  expect(sink.messages).toHaveLength(0);

  await createSmtpMailer({ smtpUrl: `smtp://localhost:${sink.port}`, from: 'Policy Radar <radar@test.invalid>', allowPrivateAddresses: true }).send(message);
  expect(sink.messages).toMatchObject([{ from: 'radar@test.invalid', to: ['analyst@example.org'], subject: 'Hello' }]);
});

test('without RADAR_SMTP_URL an e-mail fails at once with what to set', async () => {
  const error = await createSmtpMailer({ smtpUrl: undefined, from: 'x@test.invalid', allowPrivateAddresses: true })
    .send(message)
    .then(() => null, (e: unknown) => e);
  expect(error).toMatchObject({ permanent: true, message: expect.stringMatching(/RADAR_SMTP_URL/) });
});
