/**
 * Turns what went wrong in an account form into translated messages: the server's `code` (and
 * its per-field errors), a check made on the device before sending, or no network.
 */
import { ValidationError, type FieldError, type FieldErrorCode } from '../../../shared/validation/errors.ts';
import { ImportError } from '../../db/changes-import.ts';
import { locale } from '../../i18n/locale.svelte.ts';
import { ApiError, OfflineError } from '../../sync/api-client.ts';
import { OtherUserWaitingError } from '../../sync/session.svelte.ts';
import { describeSaveError, type SaveErrors } from '../../ui/field-errors.ts';

/** The server's error codes the accounts screens translate. Any other code reads "unexpected". */
const SERVER_CODES = [
  'wrong_credentials',
  'session_invalid',
  'not_signed_in',
  'forbidden',
  'setup_done',
  'wrong_setup_code',
  'enrolment_expired',
  'enrolment_unknown',
  'username_taken',
  'last_admin',
  'not_found',
] as const;
type ServerCode = (typeof SERVER_CODES)[number];

/** Which field a server code belongs to, so the message also shows beside it. */
const CODE_FIELDS: Partial<Record<ServerCode, string>> = {
  username_taken: 'username',
  wrong_setup_code: 'setupCode',
  enrolment_expired: 'code',
  enrolment_unknown: 'code',
};

const FIELD_CODES: readonly FieldErrorCode[] = ['required', 'tooLong', 'tooShort', 'invalid'];

function isServerCode(code: string): code is ServerCode {
  return (SERVER_CODES as readonly string[]).includes(code);
}

/** The server's `errors` list as the ValidationError the device makes for the same input. */
function serverFieldErrors(error: ApiError): ValidationError | null {
  const list = error.body.errors;
  if (!Array.isArray(list) || list.length === 0) return null;
  const errors: FieldError[] = list.map((e) => {
    const code = (FIELD_CODES as readonly string[]).includes(e.code) ? (e.code as FieldErrorCode) : 'invalid';
    const limit = (e as { min?: number }).min;
    return { field: e.field, code, max: e.max, min: limit };
  });
  return new ValidationError(errors);
}

export function describeAccountError(error: unknown): SaveErrors {
  const t = locale.t;
  if (error instanceof ValidationError) return describeSaveError(error, t);
  if (error instanceof OfflineError) return { fields: {}, general: t('accounts:errors.offline') };
  if (error instanceof OtherUserWaitingError) {
    return {
      fields: {},
      general: t('accounts:errors.otherUserWaiting', { name: error.displayName, count: error.waiting }),
    };
  }
  if (error instanceof ApiError) {
    const fields = serverFieldErrors(error);
    if (fields) return describeSaveError(fields, t);
    if (error.code === 'too_many_attempts') {
      const seconds = Number(error.body.retryAfterSeconds);
      const minutes = Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds / 60) : 1;
      return { fields: {}, general: t('accounts:errors.too_many_attempts', { count: minutes }) };
    }
    if (isServerCode(error.code)) {
      const message: string = t(`accounts:errors.${error.code}`);
      const field = CODE_FIELDS[error.code];
      return { fields: field ? { [field]: message } : {}, general: message };
    }
    console.error('Unexpected answer from the server', error);
    return { fields: {}, general: t('accounts:errors.unexpected', { status: error.status }) };
  }
  return describeSaveError(error, t);
}

/** A refused changes file in words. Nothing was imported. */
export function describeImportError(error: unknown): string {
  const t = locale.t;
  if (!(error instanceof ImportError)) {
    console.error('Importing changes failed', error);
    return t('accounts:transfer.errors.readFailed');
  }
  switch (error.code) {
    case 'notJson':
      return t('accounts:transfer.errors.notJson');
    case 'notChangesFile':
      return t('accounts:transfer.errors.notChangesFile');
    case 'newerVersion':
      return t('accounts:transfer.errors.newerVersion');
    case 'invalidChange':
      return t('accounts:transfer.errors.invalidChange', { position: error.position ?? 0 });
    case 'signInFirst':
      return t('accounts:transfer.errors.signInFirst');
    case 'wrongMunicipality':
      return error.municipalityName
        ? t('accounts:transfer.errors.wrongMunicipality', { name: error.municipalityName })
        : t('accounts:transfer.errors.wrongMunicipalityUnnamed');
  }
}
