// The three webhook services: how a message becomes their request, and how
// their replies say "failed" or "wait". Payload formats and limits are
// sourced in docs/alerts.md ("Webhooks").
import type { AlertSettings, ChannelId } from '../../../contract/alerts.js';
import type { ReplyReading, WebhookReply, WebhookRequest } from './http.js';
import { clip, type OutgoingMessage } from './message.js';

export class ChannelConfigError extends Error {
  override name = 'ChannelConfigError';
}

export interface Channel {
  id: ChannelId;
  label: string;
  /** Throws ChannelConfigError when the settings or the secret are missing or unusable. */
  build(message: OutgoingMessage, settings: AlertSettings, secret: string | undefined): WebhookRequest;
  read(reply: WebhookReply): ReplyReading;
  /** Whether a secret is required (ntfy works without one on open topics). */
  needsSecret: boolean;
}

/** Telegram: text is 1-4096 characters after entity parsing. */
const TELEGRAM_MAX_TEXT = 4096;
/** Discord: `content` is at most 2000 characters. */
const DISCORD_MAX_CONTENT = 2000;
/** ntfy: larger bodies are turned into an attachment, so keep the message under 4096 bytes. */
const NTFY_MAX_BODY_BYTES = 4096;

function json(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

/** A service's error text, made safe to show: one line, bounded. */
function shown(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? clip(value.replace(/\s+/g, ' ').trim(), 200) : undefined;
}

function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path}`;
}

export const telegram: Channel = {
  id: 'telegram',
  label: 'Telegram',
  needsSecret: true,
  build(message, settings, token) {
    const s = settings.telegram;
    if (!s) throw new ChannelConfigError('Telegram is not set up: enter a chat id');
    if (!token) throw new ChannelConfigError('Telegram is not set up: enter the bot token');
    // Bot tokens are "<digits>:<35 URL-safe characters>"; anything else would change the URL path.
    if (!/^\d+:[A-Za-z0-9_-]{20,}$/.test(token)) throw new ChannelConfigError('the Telegram bot token does not look like one from @BotFather');
    return {
      label: 'Telegram',
      url: joinUrl(s.apiBaseUrl, `bot${token}/sendMessage`),
      headers: { 'content-type': 'application/json' },
      // Plain text (no parse_mode): nicknames need no escaping. Info-level messages arrive silently.
      body: JSON.stringify({
        chat_id: s.chatId,
        text: clip(`${message.title}\n${message.text}`, TELEGRAM_MAX_TEXT),
        disable_notification: message.severity === 'info',
      }),
    };
  },
  read(reply) {
    const body = json(reply.body);
    const retry = field(field(body, 'parameters'), 'retry_after');
    const description = shown(field(body, 'description'));
    // Telegram always answers JSON with "ok"; a 2xx without ok: true was not a delivery.
    const delivered = reply.status >= 200 && reply.status < 300 && field(body, 'ok') === true;
    const error = delivered ? undefined : (description ?? (reply.status >= 200 && reply.status < 300 ? 'the reply did not say "ok"' : undefined));
    return {
      ...(error === undefined ? {} : { error }),
      ...(typeof retry === 'number' && retry >= 0 ? { retryAfterMs: retry * 1000 } : {}),
    };
  },
};

export const discord: Channel = {
  id: 'discord',
  label: 'Discord',
  needsSecret: true,
  build(message, settings, webhookUrl) {
    const s = settings.discord;
    if (!s) throw new ChannelConfigError('Discord is not set up');
    if (!webhookUrl) throw new ChannelConfigError('Discord is not set up: paste the webhook URL');
    let url: URL;
    try {
      url = new URL(webhookUrl);
    } catch {
      throw new ChannelConfigError('the Discord webhook URL is not a valid URL');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ChannelConfigError('the Discord webhook URL must start with https://');
    return {
      label: 'Discord',
      url: url.toString(),
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        username: s.username,
        content: clip(`**${escapeMarkdown(message.title)}**\n${escapeMarkdown(message.text)}`, DISCORD_MAX_CONTENT),
        // A nickname such as "@everyone" must not ping a whole server.
        allowed_mentions: { parse: [] },
      }),
    };
  },
  read(reply) {
    if (reply.status >= 200 && reply.status < 300) return {};
    const body = json(reply.body);
    const retry = field(body, 'retry_after');
    return {
      ...(shown(field(body, 'message')) ? { error: shown(field(body, 'message')) } : {}),
      ...(typeof retry === 'number' && retry >= 0 ? { retryAfterMs: Math.ceil(retry * 1000) } : {}),
    };
  },
};

function escapeMarkdown(text: string): string {
  return text.replace(/([\\*_~`|>])/g, '\\$1');
}

const NTFY_PRIORITY = { critical: '5', warning: '4', info: '3' } as const;

export const ntfy: Channel = {
  id: 'ntfy',
  label: 'ntfy',
  needsSecret: false,
  build(message, settings, accessToken) {
    const s = settings.ntfy;
    if (!s) throw new ChannelConfigError('ntfy is not set up: choose a topic');
    const headers: Record<string, string> = {
      'content-type': 'text/plain; charset=utf-8',
      title: headerText(message.title),
      priority: message.resolved ? '3' : NTFY_PRIORITY[message.severity],
      tags: message.resolved ? 'white_check_mark' : message.severity === 'critical' ? 'rotating_light' : message.severity === 'warning' ? 'warning' : 'information_source',
    };
    if (accessToken) {
      if (!/^[\x21-\x7e]+$/.test(accessToken)) throw new ChannelConfigError('the ntfy access token contains characters a token cannot have');
      headers['authorization'] = `Bearer ${accessToken}`;
    }
    return { label: 'ntfy', url: joinUrl(s.serverUrl, encodeURIComponent(s.topic)), headers, body: clipBytes(message.text, NTFY_MAX_BODY_BYTES) };
  },
  read(reply) {
    if (reply.status >= 200 && reply.status < 300) return {};
    const error = shown(field(json(reply.body), 'error'));
    return error ? { error } : {};
  },
};

/**
 * A header value from free text: control characters (a CR/LF would split the
 * header) become spaces; non-ASCII goes as an RFC 2047 encoded-word, which
 * ntfy decodes (2.4.0 and later).
 */
export function headerText(text: string): string {
  const flat = Array.from(text, (ch) => (ch.charCodeAt(0) < 0x20 || ch === '\x7f' ? ' ' : ch)).join('').replace(/ +/g, ' ').trim();
  if (/^[\x20-\x7e]*$/.test(flat)) return flat;
  return `=?UTF-8?B?${Buffer.from(flat, 'utf8').toString('base64')}?=`;
}

function clipBytes(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  let cut = text;
  while (Buffer.byteLength(`${cut}…`, 'utf8') > maxBytes) cut = cut.slice(0, Math.floor(cut.length * 0.9));
  return `${cut}…`;
}

export const CHANNELS: Readonly<Record<ChannelId, Channel>> = { telegram, discord, ntfy };
