// The health checks' texts: keyed from the English templates in the
// contract (electron/contract/health-messages.ts), and rendered to English
// from the same templates, so the English the CLI and bundles carry and the
// key the renderer translates can never drift apart.
import { HEALTH_TEMPLATES, type HealthMessageKey } from '../../contract/health-messages.js';
import { defineMessages } from '../../contract/message-text.js';

export const HEALTH_MESSAGES = defineMessages(HEALTH_TEMPLATES);

/** Every key a health check can emit. */
export const HEALTH_MESSAGE_KEYS = Object.keys(HEALTH_MESSAGES.templates) as HealthMessageKey[];

export const healthText = HEALTH_MESSAGES.text;
export const healthEnglish = HEALTH_MESSAGES.english;
