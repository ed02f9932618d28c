export { startNotifier, NOTIFIER_GROUP, type Notifier, type NotifierOptions } from './notifier.ts';
export { fireAlerts, eventKeyOf } from './fire-alerts.ts';
export { AlertMatcher, isAlertActive } from './alert-matcher.ts';
export { DELIVERY_QUEUE, DEFAULT_DELIVERY_RETRY, type DeliveryRetry, type DeliveryJobData } from './delivery-jobs.ts';
export type { DeliveryEvent } from './process-delivery.ts';
export { createSmtpMailer, type SmtpMailer, type MailMessage } from './smtp-mailer.ts';
export { postWebhook } from './post-webhook.ts';
export { DeliveryError } from './delivery-error.ts';
export { createAlertTester, ALERT_TEST_TIMEOUT_MS, type AlertTester, type AlertTestOutcome } from './alert-tests.ts';
