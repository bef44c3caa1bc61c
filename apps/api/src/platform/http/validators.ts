import { registerDecorator, type ValidationOptions } from 'class-validator';

const TIME_ZONES = new Set(Intl.supportedValuesOf('timeZone'));
TIME_ZONES.add('UTC');

/** An IANA time zone name known to the runtime (e.g. Europe/Madrid). */
export function IsTimeZone(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isTimeZone',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} must be an IANA time zone such as Europe/Madrid`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && TIME_ZONES.has(value) },
    });
}
