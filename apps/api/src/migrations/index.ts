import { PlatformFoundation1764172800000 } from './1764172800000-PlatformFoundation';
import { Tenancy1764259200000 } from './1764259200000-Tenancy';
import { Maturity1764345600000 } from './1764345600000-Maturity';
import { RequestAccess1764432000000 } from './1764432000000-RequestAccess';
import { ReadableSubtrees1764518400000 } from './1764518400000-ReadableSubtrees';
import { SessionRevocation1764604800000 } from './1764604800000-SessionRevocation';
import { MaturityOnePerPeriod1764691200000 } from './1764691200000-MaturityOnePerPeriod';
import { Prioritisation1764950400000 } from './1764950400000-Prioritisation';
import { PlatformSecrets1764777600000 } from './1764777600000-PlatformSecrets';
import { Frictions1764864000000 } from './1764864000000-Frictions';

/** Every migration, in order. Listed explicitly so dist, tests and the CLI load the same set. */
export const migrations = [
  PlatformFoundation1764172800000,
  Tenancy1764259200000,
  Maturity1764345600000,
  RequestAccess1764432000000,
  ReadableSubtrees1764518400000,
  SessionRevocation1764604800000,
  MaturityOnePerPeriod1764691200000,
  PlatformSecrets1764777600000,
  Frictions1764864000000,
  Prioritisation1764950400000,
];
