import type { Logger } from 'pino';
import type { AuditTrail } from '../../../shared/audit/audit-trail';

/**
 * Interim audit trail until the shared hash-chained trail (`shared/audit/audit-trail.ts`) is
 * wired in: writes each audited fact to the log with who did it. Not tamper-evident and not in
 * the caller's transaction; `createServer` takes the real trail as soon as it exists.
 */
export const logAuditTrail = (logger: Logger): AuditTrail => {
  const log = logger.child({ feature: 'audit' });
  return {
    record: async (_em, viewer, event) => {
      log.info(
        {
          audit: event,
          actor: { role: viewer.role, subjectId: viewer.subjectId, sessionId: viewer.sessionId },
          ip: viewer.ip,
        },
        event.action,
      );
    },
  };
};
