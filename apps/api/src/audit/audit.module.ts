import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditSubscriber } from './audit.subscriber';
import { AuditTrail } from './audit-trail.service';

/** The audit trail every module inherits: mark an entity @Audited, or call AuditTrail.record for bulk work. */
@Module({
  controllers: [AuditController],
  providers: [AuditTrail, AuditSubscriber],
  exports: [AuditTrail],
})
export class AuditModule {}
