/**
 * A tenant is a municipality (kommun): every record belongs to exactly one.
 *
 * Before anyone has signed in on a device, its records carry LOCAL_TENANT. On the first sign-in the
 * accounts feature asks the user and then adopts them into that user's municipality.
 */
export const LOCAL_TENANT = 'local';

/** Times are stored in UTC and shown in the municipality's time zone. */
export const DEFAULT_TIME_ZONE = 'Europe/Stockholm';
