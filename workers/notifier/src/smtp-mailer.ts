import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import nodemailer from 'nodemailer';
import { checkAddress, isCloudMetadataHostname } from '@radar/feeds';
import { DeliveryError } from './delivery-error.ts';

export interface SmtpMailerOptions {
  /** smtp://user:pass@host:587 (STARTTLS when offered) or smtps://host:465. */
  smtpUrl: string | undefined;
  from: string;
  /** Lifts the private-address rule for the SMTP server too (tests and the demo). */
  allowPrivateAddresses: boolean;
  timeoutMs?: number;
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface SmtpMailer {
  send(message: MailMessage): Promise<void>;
}

/**
 * The address to connect to for the SMTP host, after the same rule as every outbound
 * request: all of its addresses must be allowed, and the one checked is the one used, so
 * the name cannot be re-resolved to somewhere else in between.
 */
async function checkedAddress(host: string, allowPrivateAddresses: boolean): Promise<string> {
  const name = host.toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.+$/, '');
  if (isCloudMetadataHostname(name)) throw new DeliveryError(`the SMTP host ${host} is a cloud metadata service`, true);
  let addresses: string[];
  if (isIP(name)) addresses = [name];
  else if (name === 'localhost' || name.endsWith('.localhost')) addresses = ['127.0.0.1'];
  else {
    try {
      addresses = (await lookup(name, { all: true })).map((entry) => entry.address);
    } catch (error) {
      throw new DeliveryError(`could not resolve the SMTP host ${host}: ${(error as Error).message}`, false);
    }
  }
  if (addresses.length === 0) throw new DeliveryError(`the SMTP host ${host} has no address`, false);
  for (const address of addresses) {
    const verdict = checkAddress(address, { allowPrivateAddresses });
    if (!verdict.allowed) throw new DeliveryError(`the SMTP host ${host} is refused: ${verdict.reason}`, true);
  }
  return addresses[0]!;
}

/** SMTP reply codes 5xx are permanent (a rejected recipient); 4xx and connection trouble are retried. */
function asDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const smtp = error as { responseCode?: number; message?: string; code?: string };
  const code = typeof smtp.responseCode === 'number' ? smtp.responseCode : null;
  const permanent = code !== null && code >= 500 && code < 600 && smtp.code !== 'ECONNECTION';
  return new DeliveryError(`SMTP: ${smtp.message ?? String(error)}`, permanent, code);
}

/** Sends alert e-mails over SMTP with nodemailer, connecting only where the address rule allows. */
export function createSmtpMailer(options: SmtpMailerOptions): SmtpMailer {
  return {
    async send(message) {
      if (!options.smtpUrl) throw new DeliveryError('e-mail is not set up on this server: set RADAR_SMTP_URL (and RADAR_MAIL_FROM)', true);
      const url = new URL(options.smtpUrl);
      const secure = url.protocol === 'smtps:';
      const address = await checkedAddress(url.hostname, options.allowPrivateAddresses);
      const timeout = options.timeoutMs ?? 15_000;
      const transport = nodemailer.createTransport({
        host: address,
        port: Number(url.port) || (secure ? 465 : 587),
        secure,
        auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
        // the certificate names the host, not the address we connect to
        tls: { servername: isIP(url.hostname) ? undefined : url.hostname },
        name: 'policy-radar',
        connectionTimeout: timeout,
        greetingTimeout: timeout,
        socketTimeout: timeout,
      });
      try {
        await transport.sendMail({ from: options.from, ...message });
      } catch (error) {
        throw asDeliveryError(error);
      } finally {
        transport.close();
      }
    },
  };
}
