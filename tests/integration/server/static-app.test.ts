import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody } from '../../../src/shared/api.ts';
import { INDEX_HTML, startTestServer, type TestServer } from './test-server.ts';

const HTML = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

describe('the built app', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('sends the security headers with every kind of response', async () => {
    const responses = await Promise.all(
      ['/', '/assets/app-abc123.js', '/api/health', '/api/nope', '/assets/missing.js'].map((path) =>
        fetch(server.url + path),
      ),
    );
    for (const response of responses) {
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain('report-uri /api/csp-report');
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(csp).not.toMatch(/https?:/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(response.headers.get('permissions-policy')).toBe('camera=(self), microphone=(), geolocation=()');
    }
  });

  it('serves index.html at / to be revalidated on every visit', async () => {
    const response = await fetch(server.url + '/', { headers: HTML });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toBe(INDEX_HTML);
  });

  it('lets browsers keep a hashed asset for a year without asking again', async () => {
    const response = await fetch(server.url + '/assets/app-abc123.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('makes browsers revalidate the service worker and the manifest, whose names never change', async () => {
    for (const path of ['/sw.js', '/manifest.webmanifest']) {
      const response = await fetch(server.url + path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('cache-control'), path).toBe('no-cache');
    }
  });

  it('answers a deep link such as /dialogues/123 with index.html, so the app can route it', async () => {
    const response = await fetch(server.url + '/dialogues/123', { headers: HTML });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toBe(INDEX_HTML);
  });

  it('answers a missing asset with a 404 JSON body, never with index.html', async () => {
    const response = await fetch(server.url + '/assets/missing.js', { headers: HTML });
    expect(response.status).toBe(404);
    expect(((await response.json()) as ApiErrorBody).code).toBe('not_found');
  });

  it('answers a missing file outside assets with 404, so a broken service worker is not replaced by HTML', async () => {
    const response = await fetch(server.url + '/workbox-missing.js', { headers: HTML });
    expect(response.status).toBe(404);
  });

  it('answers an unknown path with 404 when the caller does not ask for HTML', async () => {
    const response = await fetch(server.url + '/dialogues/123', { headers: { accept: 'application/json' } });
    expect(response.status).toBe(404);
    expect(((await response.json()) as ApiErrorBody).code).toBe('not_found');
  });
});

describe('a server without a built app', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ built: false });
  });
  afterAll(async () => {
    await server.close();
  });

  it('answers / with 503 app_not_built telling the operator to build', async () => {
    const response = await fetch(server.url + '/', { headers: HTML });
    expect(response.status).toBe(503);
    const body = (await response.json()) as ApiErrorBody;
    expect(body.code).toBe('app_not_built');
    expect(body.message).toContain('npm run build');
  });

  it('still answers the API', async () => {
    const response = await fetch(server.url + '/api/health');
    expect(response.status).toBe(200);
  });
});
