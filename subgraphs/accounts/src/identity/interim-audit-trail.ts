import type { Logger } from 'pino';
import type { AuditEvent, AuditTrail } from '../../../shared/audit/audit-trail';

/**
 * Stand-in until the hash-chained audit trail (privacy work) is merged: writes the action, entity
 * and actor to the log, never the before/after values (they may hold personal fields). Replace it
 * in `createServer` with the real `AuditTrail`.
 */
export class LogAuditTrail implements AuditTrail {
  constructor(private readonly logger: Logger) {}

  async record(
    _em: unknown,
    viewer: { role: string | null; subjectId: string | null },
    event: AuditEvent,
  ): Promise<void> {
    this.logger.info(
      {
        audit: event.action,
        entityType: event.entityType,
        entityId: event.entityId,
        actorRole: viewer.role,
        actorId: viewer.subjectId,
      },
      'audit',
    );
  }
}
