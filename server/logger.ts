import pino from 'pino';
import type { Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({
    level,
    // Never log credentials: tokens and passwords travel in these fields.
    redact: ['req.headers.authorization', 'password', '*.password', 'token', '*.token'],
  });
}
