import { z } from 'zod';

const ConfigSchema = z.object({
  port: z.coerce.number().int().min(0).max(65_535).default(8080),
  dataDir: z.string().default('./data'),
  redisUrl: z.string().default('redis://127.0.0.1:6379'),
  databaseUrl: z.string().optional(),
  adminToken: z.string().optional(),
  /** Seals feeds' secrets in the database (at least 16 characters, random: `openssl rand -base64 32`). */
  secretKey: z.string().min(16, 'RADAR_SECRET_KEY must be at least 16 characters').optional(),
  allowPrivateAddresses: z.boolean().default(false),
  redisPrefix: z.string().regex(/^[\w:{}-]+$/).default('radar'),
  /** Where alert e-mails go out: smtp://user:pass@host:587 or smtps://host:465; unset, e-mail channels fail with a clear error. */
  smtpUrl: z.string().url().optional(),
  mailFrom: z.string().default('Policy Radar <alerts@policy-radar.invalid>'),
  /** The address WebSub hubs can reach this server at (e.g. https://radar.example); unset, WebSub is off. */
  publicUrl: z.string().url().optional(),
  /** The forward proxy every outgoing web request goes through: http://[user:password@]proxy:port. */
  proxyUrl: z
    .string()
    .url('RADAR_PROXY_URL must be an address: http://[user:password@]proxy:port')
    .refine((value) => /^https?:\/\//i.test(value), 'RADAR_PROXY_URL must be an http:// or https:// address')
    .optional(),
  /** Hosts reached without the proxy (a name covers its subdomains; `*` is every host). */
  noProxy: z.array(z.string()).default([]),
  /** The proxy resolves outside names, which this machine cannot (see OutboundProxy.resolvesNames). */
  proxyResolvesNames: z.boolean().default(false),
  /** Embedded widgets and /embed/stream work on any site without a widget token (any filter, read-only). */
  allowAnonymousWidgets: z.boolean().default(false),
});
export type RadarConfig = z.infer<typeof ConfigSchema>;

/** Reads PORT, DATA_DIR, REDIS_URL, DATABASE_URL, RADAR_ADMIN_TOKEN and friends. */
export function readConfig(env: Record<string, string | undefined> = process.env): RadarConfig {
  const flag = (value: string | undefined) => value === '1' || value === 'true';
  return ConfigSchema.parse({
    port: env.PORT || undefined,
    dataDir: env.DATA_DIR || undefined,
    redisUrl: env.REDIS_URL || undefined,
    databaseUrl: env.DATABASE_URL || undefined,
    adminToken: env.RADAR_ADMIN_TOKEN || undefined,
    secretKey: env.RADAR_SECRET_KEY || undefined,
    allowPrivateAddresses: flag(env.RADAR_ALLOW_PRIVATE_ADDRESSES),
    redisPrefix: env.RADAR_REDIS_PREFIX || undefined,
    smtpUrl: env.RADAR_SMTP_URL || undefined,
    mailFrom: env.RADAR_MAIL_FROM || undefined,
    publicUrl: env.RADAR_PUBLIC_URL?.replace(/\/+$/, '') || undefined,
    allowAnonymousWidgets: flag(env.RADAR_ALLOW_ANONYMOUS_WIDGETS),
    proxyUrl: env.RADAR_PROXY_URL || undefined,
    noProxy: (env.RADAR_NO_PROXY ?? '').split(',').map((entry) => entry.trim()).filter(Boolean),
    proxyResolvesNames: flag(env.RADAR_PROXY_RESOLVES_NAMES),
  });
}

/** The forward proxy the configuration names, as the fetcher takes it (setOutboundProxy), or null for none. */
export function outboundProxyOf(config: RadarConfig): { url: string; noProxy: string[]; resolvesNames: boolean } | null {
  return config.proxyUrl ? { url: config.proxyUrl, noProxy: config.noProxy, resolvesNames: config.proxyResolvesNames } : null;
}
