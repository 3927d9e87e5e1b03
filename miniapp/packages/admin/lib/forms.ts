import { parseWith, type FieldError, type z } from '@gongzhi/shared';
import { ApiClientError, messageOf } from '../../../services/api';

/** Field messages by path without the `body.` prefix: `fields.0.label` → message. First one wins. */
export type FieldMessages = Record<string, string>;

export function toMessages(fields: readonly FieldError[]): FieldMessages {
  const out: FieldMessages = {};
  for (const f of fields) {
    const key = f.path.replace(/^(body|query|params)\.?/, '') || '(root)';
    if (!(key in out)) out[key] = f.message;
  }
  return out;
}

/** Checks a body with the endpoint's own schema, as the API will; null when it passes. */
export function check(schema: z.ZodType | undefined, body: unknown): FieldMessages | null {
  if (!schema) return null;
  const result = parseWith(schema, body, 'body');
  return result.ok ? null : toMessages(result.fields);
}

/** What a failed submit shows: the server's Chinese message and its field messages. */
export function failure(error: unknown): { message: string; fields: FieldMessages } {
  const fields = error instanceof ApiClientError ? toMessages(error.fields) : {};
  return { message: messageOf(error), fields };
}

/** The first message of a form, for the toast / banner above the submit button. */
export function firstMessage(fields: FieldMessages): string | null {
  const keys = Object.keys(fields);
  return keys.length ? fields[keys[0]] : null;
}
