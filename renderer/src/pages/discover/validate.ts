// Checks the "Add by address" form against the contract's own schema, and
// says which field is wrong in words the UI can translate. Pure.
import { requests, type RequestParams } from '../../../../electron/contract/api.js';
import { DEFAULT_API_PORT } from '../../fleet/derive.js';
import type { PlainMessageKey } from '../../i18n/messages.js';

export type AddFormField = 'host' | 'port' | 'nickname' | 'location';
const FIELD_ERRORS: Record<AddFormField, PlainMessageKey> = {
  host: 'add.error.host',
  port: 'add.error.port',
  nickname: 'add.error.tooLong',
  location: 'add.error.tooLong',
};

/** Field -> message key for every invalid field of the form. */
export function validateAddForm(values: Record<AddFormField, string>): { params?: RequestParams<'device.add'>; errors: Partial<Record<AddFormField, PlainMessageKey>> } {
  const port = values.port.trim() === '' ? DEFAULT_API_PORT : Number(values.port);
  const params = {
    host: values.host.trim(),
    port,
    nickname: values.nickname.trim() || undefined,
    location: values.location.trim() || undefined,
  };
  const result = requests['device.add'].params.safeParse(params);
  if (result.success) return { params, errors: {} };
  const errors: Partial<Record<AddFormField, PlainMessageKey>> = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0];
    if (field === 'host' || field === 'port' || field === 'nickname' || field === 'location') errors[field] = FIELD_ERRORS[field];
  }
  return { errors };
}

