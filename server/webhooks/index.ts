import type { Config } from '../config';
import { createSecretBox } from './secret';
import type { SecretBox } from './secret';
import { normaliseOrigins } from './url-guard';

/** The settings every webhook command and the worker read from the configuration. */
export interface WebhookSettings {
  secrets: SecretBox;
  allowedOrigins: Set<string>;
}

export function webhookSettings(config: Pick<Config, 'webhooks'>): WebhookSettings {
  return {
    secrets: createSecretBox(config.webhooks.secretKey),
    allowedOrigins: normaliseOrigins(config.webhooks.allowedOrigins),
  };
}
