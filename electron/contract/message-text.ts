// A text generated in the core, as a stable key and typed parameters beside
// the English string it already carries, so the renderer can show it in the
// user's language (and fall back to the English for a key it does not know,
// e.g. a bundle written by a newer version). `formatMessage` renders a text
// from any catalog of templates: the core's English one, or a renderer
// dictionary; both use the same code so they cannot disagree on the rules.
import { z } from 'zod';

/** How a list parameter is joined: 'list' separates clauses ("; "), 'series' separates items (", "). */
export type MessageJoin = 'list' | 'series';

export interface MessageText {
  key: string;
  params?: Record<string, MessageParam>;
}

export interface MessageList {
  join: MessageJoin;
  items: MessageParam[];
}

/** A number or string is inserted as is (figures, the device's own words); a text or list is rendered first. */
export type MessageParam = string | number | MessageText | MessageList;

const MAX_KEY = 120;
const MAX_ITEMS = 256;

export const MessageParamSchema: z.ZodType<MessageParam> = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    MessageTextSchema,
    z.object({ join: z.enum(['list', 'series']), items: z.array(MessageParamSchema).max(MAX_ITEMS) }),
  ]),
);

export const MessageTextSchema: z.ZodType<MessageText> = z.lazy(() =>
  z.object({
    key: z.string().min(1).max(MAX_KEY),
    params: z.record(z.string(), MessageParamSchema).optional(),
  }),
);

/** The names in `{name}` placeholders of a template, sorted. */
export function templatePlaceholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
}

/** The names in `{name}` placeholders of a template type, as a union (never when it has none). */
export type PlaceholdersOf<S extends string> = S extends `${string}{${infer Name}}${infer Rest}` ? Name | PlaceholdersOf<Rest> : never;

/** The parameters a template needs: none, or exactly its placeholders. */
export type TemplateArgs<S extends string> = [PlaceholdersOf<S>] extends [never] ? [] : [params: Record<PlaceholdersOf<S>, MessageParam>];

export interface MessageLanguage {
  /** The template for a key, or undefined when the catalog does not know it. */
  template(key: string): string | undefined;
  separators: Readonly<Record<MessageJoin, string>>;
}

function isList(p: MessageParam): p is MessageList {
  return typeof p === 'object' && 'items' in p;
}

/** Renders a text; undefined when it, or any text nested in it, has a key the language does not know. */
export function formatMessage(text: MessageText, language: MessageLanguage): string | undefined {
  const template = language.template(text.key);
  if (template === undefined) return undefined;
  let unknown = false;
  const param = (p: MessageParam): string => {
    if (typeof p === 'string' || typeof p === 'number') return String(p);
    if (isList(p)) return p.items.map(param).join(language.separators[p.join]);
    const nested = formatMessage(p, language);
    if (nested === undefined) unknown = true;
    return nested ?? '';
  };
  const params = text.params ?? {};
  const out = template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = Object.hasOwn(params, name) ? params[name] : undefined;
    return value === undefined ? whole : param(value);
  });
  return unknown ? undefined : out;
}

export const ENGLISH_SEPARATORS: Readonly<Record<MessageJoin, string>> = { list: '; ', series: ', ' };

/**
 * A catalog of English templates for one part of the core: `text` builds a
 * keyed text with exactly the parameters its template names, `english`
 * renders it (and throws on a key outside the catalog: a bug, never input).
 */
export function defineMessages<T extends Readonly<Record<string, string>>>(templates: T) {
  const language: MessageLanguage = {
    template: (key) => (Object.hasOwn(templates, key) ? templates[key] : undefined),
    separators: ENGLISH_SEPARATORS,
  };
  return {
    templates,
    text<K extends keyof T & string>(key: K, ...args: TemplateArgs<T[K]>): MessageText {
      const params = args[0] as Record<string, MessageParam> | undefined;
      return params === undefined ? { key } : { key, params };
    },
    english(text: MessageText): string {
      const out = formatMessage(text, language);
      if (out === undefined) throw new Error(`message key outside the catalog: ${text.key}`);
      return out;
    },
  };
}

/** A list parameter. */
export function listOf(items: readonly MessageParam[], join: MessageJoin = 'list'): MessageList {
  return { join, items: [...items] };
}
