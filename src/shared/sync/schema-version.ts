/**
 * The version of the shape of synced data. Every request carries it in SCHEMA_HEADER; a server
 * that is newer answers 426 `client_outdated` and the app asks the user to update. Apart from
 * protocol.ts (and its schemas) so that the app's HTTP client loads without them.
 */
export const SYNC_SCHEMA_VERSION = 1;
export const SCHEMA_HEADER = 'x-delaktig-schema';
