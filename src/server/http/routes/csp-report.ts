import type { FastifyInstance } from 'fastify';
import { CspReportSchema } from '../../../shared/api.ts';
import { validateBody } from '../validate-body.ts';

// A report is a few hundred bytes; the limit keeps a flood of them cheap.
const CSP_REPORT_BODY_LIMIT = 16 * 1024;

/**
 * Browsers post here when our Content-Security-Policy blocks something (report-uri): a sign of a
 * bug in our build, or of an extension or attacker injecting content. Logged, not stored.
 */
export function cspReportRoutes(app: FastifyInstance): void {
  // Browsers send report-uri reports as application/csp-report, which is JSON under another name.
  // Registered in this route's plugin scope, so no other endpoint accepts that type.
  app.addContentTypeParser(
    'application/csp-report',
    { parseAs: 'string', bodyLimit: CSP_REPORT_BODY_LIMIT },
    app.getDefaultJsonParser('error', 'error'),
  );

  app.post('/csp-report', { bodyLimit: CSP_REPORT_BODY_LIMIT }, async (request, reply) => {
    const report = validateBody(CspReportSchema, request.body)['csp-report'];
    // Only what locates the problem: the page address (document-uri) may carry a dialogue id or a join code.
    request.log.warn(
      {
        directive: report['effective-directive'] ?? report['violated-directive'],
        blockedUri: report['blocked-uri'],
      },
      'content security policy violation',
    );
    return reply.code(204).send();
  });
}
