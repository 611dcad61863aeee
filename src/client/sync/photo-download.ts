/**
 * The full-size image of a photo, or a proposal attachment's file (an image or a PDF), from the
 * municipality's server, with the session's bearer token (it is served only to signed-in staff of
 * that municipality, so a plain <img src> or link cannot load it). OfflineError when the server
 * cannot be reached; ApiError 404 `not_found` when the server does not have it yet (the device that
 * added it has not uploaded it). The caller reads the type from the bytes, not from the answer.
 */
import type { ApiErrorBody } from '../../shared/api.ts';
import { blobPath } from '../../shared/domain/photo.ts';
import { ApiError, OfflineError } from './api-client.ts';

export async function downloadPhotoImage(sha256: string, token: string, signal?: AbortSignal): Promise<Blob> {
  let response: Response;
  try {
    // The browser may keep it (private, immutable): seen once, it opens again without the network.
    response = await fetch(blobPath(sha256), {
      headers: { authorization: `Bearer ${token}` },
      credentials: 'omit',
      signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new OfflineError(error);
  }
  if (response.ok) return response.blob();
  let body: Partial<ApiErrorBody> | undefined;
  try {
    body = (await response.json()) as Partial<ApiErrorBody>;
  } catch {
    body = undefined; // Not our server's JSON: the fallback below says what happened.
  }
  throw new ApiError(response.status, {
    code: typeof body?.code === 'string' ? body.code : 'http_error',
    message: typeof body?.message === 'string' ? body.message : `HTTP ${response.status}`,
  });
}
