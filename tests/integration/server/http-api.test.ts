import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody, HealthResponse } from '../../../src/shared/api.ts';
import { MIGRATIONS } from '../../../src/server/storage/migrations.ts';
import { startTestServer, type TestServer } from './test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    // A handler with a bug, to see what the client gets and what the log keeps.
    extraRoutes: (app) =>
      app.get('/api/test-bug', () => {
        throw new Error('database password is hunter2');
      }),
  });
});
afterAll(async () => {
  await server.close();
});

function post(path: string, body: string, contentType: string): Promise<Response> {
  return fetch(server.url + path, { method: 'POST', body, headers: { 'content-type': contentType } });
}

const validReport = JSON.stringify({
  'csp-report': {
    'document-uri': 'https://delaktig.example/join/SECRET-CODE',
    'violated-directive': 'script-src',
    'effective-directive': 'script-src-elem',
    'blocked-uri': 'https://tracker.example/t.js',
  },
});

describe('GET /api/health', () => {
  it('reports the version, the migrated schema version and the storage, and is never cached', async () => {
    const response = await fetch(`${server.url}/api/health`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as HealthResponse;
    expect(body).toEqual({
      status: 'ok',
      version: '1.2.3-test',
      schemaVersion: MIGRATIONS.at(-1)?.version,
      storage: 'sqlite',
    });
  });
});

describe('API errors', () => {
  it('answers an unknown API route with a 404 JSON error body, even when a browser asks for HTML', async () => {
    const response = await fetch(`${server.url}/api/nope`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect((await response.json()) as ApiErrorBody).toEqual({
      code: 'not_found',
      message: expect.any(String) as string,
    });
  });

  it('answers a POST to an unknown API route with a 404 JSON error body', async () => {
    const response = await post('/api/nope', '{}', 'application/json');
    expect(response.status).toBe(404);
    expect(((await response.json()) as ApiErrorBody).code).toBe('not_found');
  });

  it('answers an unexpected error with 500 internal, logs it, and shows the client no detail', async () => {
    const response = await fetch(`${server.url}/api/test-bug`);
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ code: 'internal', message: 'Something went wrong on the server.' });
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('.ts:');
    const logged = server.logs.find((line) => line.msg === 'request failed');
    expect(JSON.stringify(logged)).toContain('hunter2');
  });

  it('answers a body that is not JSON with 400 invalid_json and a message', async () => {
    const response = await post('/api/csp-report', '{"csp-report": ', 'application/json');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      code: 'invalid_json',
      message: 'The request body is not valid JSON.',
    });
  });

  it('answers a body in a content type the API does not speak with 415 JSON', async () => {
    const response = await post('/api/csp-report', validReport, 'text/plain');
    expect(response.status).toBe(415);
    expect(((await response.json()) as ApiErrorBody).code).toBe('unsupported_media_type');
  });

  it('answers a body over the endpoint limit with 413 JSON', async () => {
    const huge = JSON.stringify({ 'csp-report': { 'blocked-uri': 'x'.repeat(20_000) } });
    const response = await post('/api/csp-report', huge, 'application/json');
    expect(response.status).toBe(413);
    expect(((await response.json()) as ApiErrorBody).code).toBe('body_too_large');
  });

  it('answers an address it cannot decode with 400 JSON and the security headers', async () => {
    const response = await fetch(`${server.url}/%E0%A4%A`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as ApiErrorBody).code).toBe('bad_request');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });
});

describe('POST /api/csp-report', () => {
  it('accepts a report as application/csp-report and answers 204', async () => {
    const response = await post('/api/csp-report', validReport, 'application/csp-report');
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
  });

  it('accepts a report as application/json and answers 204', async () => {
    const response = await post('/api/csp-report', validReport, 'application/json');
    expect(response.status).toBe(204);
  });

  it('logs the directive and the blocked address, but not the page, which may hold a join code', async () => {
    await post('/api/csp-report', validReport, 'application/csp-report');
    const lines = server.logs.filter((line) => line.msg === 'content security policy violation');
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.at(-1)).toMatchObject({
      directive: 'script-src-elem',
      blockedUri: 'https://tracker.example/t.js',
    });
    expect(JSON.stringify(server.logs)).not.toContain('SECRET-CODE');
  });

  it('refuses a report that does not match the schema with 400 invalid_body naming the field', async () => {
    const response = await post(
      '/api/csp-report',
      JSON.stringify({ 'csp-report': { 'blocked-uri': 42 } }),
      'application/csp-report',
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as ApiErrorBody;
    expect(body.code).toBe('invalid_body');
    expect(body.message).toBeTruthy();
    expect(body.errors).toEqual([{ field: 'csp-report.blocked-uri', code: 'invalid' }]);
  });

  it('refuses a report with invalid JSON under application/csp-report as invalid_json', async () => {
    const response = await post('/api/csp-report', 'not json', 'application/csp-report');
    expect(response.status).toBe(400);
    expect(((await response.json()) as ApiErrorBody).code).toBe('invalid_json');
  });
});
