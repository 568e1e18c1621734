import os from 'node:os';
import path from 'node:path';
import { isSupportedCountry } from 'libphonenumber-js/max';
import type { CountryCode } from 'libphonenumber-js/max';
import { z } from 'zod';
import { DEFAULT_STAFF_IDLE_MINUTES, MAX_STAFF_IDLE_MINUTES } from '../shared/constants';

/** Configuration comes from the environment only (see docs and README). */
function flag(fallback: boolean) {
  return z
    .enum(['true', 'false'])
    .default(fallback ? 'true' : 'false')
    .transform((value) => value === 'true');
}

const envSchema = z.object({
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('./data'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: z.string().url().optional(),
  HOSPITAL_TIMEZONE: z
    .string()
    .default('UTC')
    .refine(isValidTimeZone, { message: 'must be an IANA time zone such as Europe/London' }),
  VAPID_PUBLIC_KEY: z.string().optional(),
  VAPID_PRIVATE_KEY: z.string().optional(),
  VAPID_SUBJECT: z.string().default('mailto:it@queuebell.invalid'),
  PUSH_ALLOWED_ORIGINS: z.string().default(''),
  WEBHOOK_ALLOWED_ORIGINS: z.string().default(''),
  WEBHOOK_SECRET_KEY: z
    .string()
    .min(16, { message: 'must be at least 16 characters (32 random bytes advised)' })
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CORS_ORIGINS: z.string().default(''),
  SEED_DEMO: flag(true),
  DELIVERY_WORKERS: flag(true),
  CLUSTER: flag(false),
  DELIVERY_BATCH_SIZE: z.coerce.number().int().min(1).max(5000).default(500),
  DELIVERY_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  PUSH_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  PUSH_ENCRYPT_THREADS: z.coerce.number().int().min(0).max(16).optional(),
  SOCKET_ADAPTER: z.enum(['memory', 'postgres']).optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, {
      message: 'must be an smtp:// or smtps:// URL such as smtp://user:pass@mail.hospital.org:587',
    })
    .optional(),
  MAIL_FROM: z.string().min(3).optional(),
  SMS_WEBHOOK_URL: z.string().url().optional(),
  SMS_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_[A-Za-z0-9+/=]+$/, { message: 'must be a Standard Webhooks secret (whsec_…)' })
    .optional(),
  TWILIO_ACCOUNT_SID: z.string().min(1).optional(),
  TWILIO_AUTH_TOKEN: z.string().min(1).optional(),
  TWILIO_FROM: z.string().min(1).optional(),
  TWILIO_API_URL: z.string().url().default('https://api.twilio.com'),
  STAFF_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_STAFF_IDLE_MINUTES)
    .default(DEFAULT_STAFF_IDLE_MINUTES),
  CONSOLE_MIN_VERSION: z
    .string()
    .regex(/^\d{1,6}\.\d{1,6}\.\d{1,6}$/, { message: 'must be a version such as 1.4.0' })
    .optional(),
  RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  DEFAULT_PHONE_REGION: z
    .string()
    .default('US')
    .transform((value) => value.trim().toUpperCase())
    .pipe(
      z.custom<CountryCode>((value) => typeof value === 'string' && isSupportedCountry(value), {
        message: 'must be a two-letter region code such as US, ES or FR',
      }),
    ),
});

export interface Config {
  databaseUrl: string | undefined;
  dataDir: string;
  port: number;
  host: string;
  publicUrl: string | undefined;
  timeZone: string;
  vapid: { publicKey: string | undefined; privateKey: string | undefined; subject: string };
  pushAllowedOrigins: string[];
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  corsOrigins: string[];
  seedDemo: boolean;
  /** false: this process answers HTTP and sockets but leaves notification delivery to other processes. */
  deliveryWorkers: boolean;
  /** A staff session ends this long after its last use; the console locks after it too. */
  staffIdleMinutes: number;
  /** Desktop consoles older than this get 426 on every API request. */
  consoleMinVersion: string | undefined;
  /** The region in which a phone number written without its country code (`(201) 555-0123`) is read. */
  defaultPhoneRegion: CountryCode;
  /** Notifications older than this many days are deleted, and older tickets unlinked from their patient. */
  retentionDays: number;
  /** Email: absent without SMTP_URL. `from` defaults to `Queuebell <no-reply@HOST of PUBLIC_URL>`. */
  email: { smtpUrl: string; from: string | undefined } | undefined;
  webhooks: {
    /** Origins (`http://127.0.0.1:9900`) a webhook may use although private, loopback or plain http. */
    allowedOrigins: string[];
    /** Seals webhook signing secrets at rest (AES-256-GCM); absent: they are stored as given. */
    secretKey: string | undefined;
  };
  /** SMS: the hospital's own gateway, Twilio, or none. */
  sms: SmsConfig | undefined;
  /** How Socket.IO reaches sockets held by other processes: not at all, or through PostgreSQL NOTIFY. */
  socketAdapter: 'memory' | 'postgres';
  delivery: {
    /** Notifications claimed per batch: also the most that a crash can leave with an unknown outcome. */
    batchSize: number;
    /** How long a claimed batch stays with its process before another may take it over. */
    leaseSeconds: number;
    pushTimeoutMs: number;
    /** Worker threads for push encryption; 0 encrypts on the event loop. */
    encryptThreads: number;
  };
}

export type SmsConfig =
  | { kind: 'gateway'; url: string; secret: string }
  | { kind: 'twilio'; accountSid: string; authToken: string; from: string; apiUrl: string };

function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function list(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

export class ConfigError extends Error {}

/** The SMS channel the environment names: a gateway needs its secret, Twilio all three of its settings. */
function smsConfig(e: z.infer<typeof envSchema>): SmsConfig | undefined {
  if (e.SMS_WEBHOOK_URL) {
    if (!e.SMS_WEBHOOK_SECRET) {
      throw new ConfigError(
        'Invalid configuration. SMS_WEBHOOK_URL needs SMS_WEBHOOK_SECRET (a whsec_… secret).',
      );
    }
    return { kind: 'gateway', url: e.SMS_WEBHOOK_URL, secret: e.SMS_WEBHOOK_SECRET };
  }
  const twilio = [e.TWILIO_ACCOUNT_SID, e.TWILIO_AUTH_TOKEN, e.TWILIO_FROM];
  if (twilio.every((value) => value === undefined)) return undefined;
  const [accountSid, authToken, from] = twilio;
  if (!accountSid || !authToken || !from) {
    throw new ConfigError(
      'Invalid configuration. Twilio needs TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM together.',
    );
  }
  return { kind: 'twilio', accountSid, authToken, from, apiUrl: e.TWILIO_API_URL };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration. Fix these environment variables: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  return {
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.DATA_DIR),
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.PUBLIC_URL,
    timeZone: e.HOSPITAL_TIMEZONE,
    vapid: { publicKey: e.VAPID_PUBLIC_KEY, privateKey: e.VAPID_PRIVATE_KEY, subject: e.VAPID_SUBJECT },
    pushAllowedOrigins: list(e.PUSH_ALLOWED_ORIGINS),
    logLevel: e.LOG_LEVEL,
    corsOrigins: list(e.CORS_ORIGINS),
    seedDemo: e.SEED_DEMO,
    deliveryWorkers: e.DELIVERY_WORKERS,
    defaultPhoneRegion: e.DEFAULT_PHONE_REGION,
    consoleMinVersion: e.CONSOLE_MIN_VERSION,
    staffIdleMinutes: e.STAFF_IDLE_MINUTES,
    retentionDays: e.RETENTION_DAYS,
    email: e.SMTP_URL ? { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM } : undefined,
    sms: smsConfig(e),
    webhooks: { allowedOrigins: list(e.WEBHOOK_ALLOWED_ORIGINS), secretKey: e.WEBHOOK_SECRET_KEY },
    socketAdapter: e.SOCKET_ADAPTER ?? (e.DATABASE_URL && e.CLUSTER ? 'postgres' : 'memory'),
    delivery: {
      batchSize: e.DELIVERY_BATCH_SIZE,
      leaseSeconds: e.DELIVERY_LEASE_SECONDS,
      pushTimeoutMs: e.PUSH_TIMEOUT_MS,
      // One per core up to four: encryption is the CPU-heavy part of a fan-out, the event loop stays free.
      encryptThreads: e.PUSH_ENCRYPT_THREADS ?? Math.min(4, os.availableParallelism()),
    },
  };
}
