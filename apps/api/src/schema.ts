import { AuditEvent } from './audit/audit-event.entity';
import { FrictionCriterionValue } from './frictions/prioritisation/criteria/friction-criterion-value.entity';
import { FrictionBacklogRevision } from './frictions/prioritisation/ranking/friction-backlog-revision.entity';
import { ScoringModel } from './frictions/prioritisation/models/scoring-model.entity';
import { FrictionArea } from './frictions/areas/friction-area.entity';
import { FrictionBurden } from './frictions/burdens/friction-burden.entity';
import { Friction } from './frictions/friction.entity';
import { FrictionRootCause } from './frictions/root-causes/friction-root-cause.entity';
import { FrictionSettings } from './frictions/settings/friction-settings.entity';
import { AssessmentAnswer } from './maturity/assessments/assessment-answer.entity';
import { AssessmentScore } from './maturity/assessments/assessment-score.entity';
import { Assessment } from './maturity/assessments/assessment.entity';
import { MaturityModelVersion } from './maturity/models/maturity-model-version.entity';
import { MaturityModel } from './maturity/models/maturity-model.entity';
import { migrations } from './migrations';
import type { DatabaseSchema } from './platform/database/data-source';
import { ApiKey } from './tenancy/api-keys/api-key.entity';
import { RefreshToken } from './tenancy/auth/refresh-token.entity';
import { Tenant } from './tenancy/tenants/tenant.entity';
import { Invitation } from './tenancy/users/invitation.entity';
import { Membership } from './tenancy/users/membership.entity';
import { User } from './tenancy/users/user.entity';

/**
 * The application's database model: every entity and every migration. The runtime data source, the
 * bootstrap, the drift check and the tests all take it from here.
 */
export const schema: DatabaseSchema = {
  entities: [
    Tenant,
    User,
    Membership,
    Invitation,
    RefreshToken,
    ApiKey,
    AuditEvent,
    MaturityModel,
    MaturityModelVersion,
    Assessment,
    AssessmentAnswer,
    AssessmentScore,
    FrictionSettings,
    FrictionArea,
    Friction,
    FrictionBurden,
    FrictionRootCause,
    ScoringModel,
    FrictionCriterionValue,
    FrictionBacklogRevision,
  ],
  migrations,
};
