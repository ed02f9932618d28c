// Local stand-ins for the notifier's peers, for integration and end-to-end tests.
export { WebhookReceiver, type ReceivedRequest } from './webhook-receiver.ts';
export { SmtpSink, type ReceivedMail } from './smtp-sink.ts';
export { until } from './until.ts';
