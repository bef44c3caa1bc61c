import { METHOD_METADATA } from '@nestjs/common/constants';
import { RequestContext } from '../context/request-context';

type Handler = (this: unknown, ...args: unknown[]) => unknown;

/** Route handlers that end their request's unit of work (for the test that every authenticated route does). */
const bound = new WeakSet<object>();

export function isBoundToUnitOfWork(handler: object): boolean {
  return bound.has(handler);
}

/**
 * The handler, ending its request's unit of work once it has settled: COMMIT when it returns (a
 * write's is awaited, so the answer follows it; a read's is sent after the answer), ROLLBACK when it
 * throws, before the error goes on to the exception filter. The unit of work itself is opened by the
 * auth guard, so the access check runs before pipes: another tenant's route answers 404 before
 * validation could answer 400 and so tell that the tenant exists (the isolation matrix sends invalid
 * bodies to prove it). No interceptor: one on the route would put every request through Nest's
 * Observable pipeline (bench/README.md). Metadata the decorators below this one wrote on the
 * original function is copied onto the wrapper.
 */
function wrap(original: Handler): Handler {
  if (bound.has(original)) return original;
  const wrapper = async function (this: unknown, ...args: unknown[]): Promise<unknown> {
    const unitOfWork = RequestContext.current()?.unitOfWork;
    if (!unitOfWork || unitOfWork.entered) return original.apply(this, args);
    unitOfWork.entered = true;
    let value: unknown;
    try {
      value = await original.apply(this, args);
    } catch (error) {
      await unitOfWork.end(true);
      throw error;
    }
    await unitOfWork.end(false);
    return value;
  };
  for (const key of Reflect.getOwnMetadataKeys(original)) {
    Reflect.defineMetadata(key, Reflect.getOwnMetadata(key, original), wrapper);
  }
  Object.defineProperty(wrapper, 'name', { value: original.name });
  bound.add(wrapper);
  return wrapper;
}

/**
 * Binds the request's unit of work to a route handler, or to every route handler of a controller
 * (the methods a route decorator marked, which a class decorator sees: method decorators run first).
 * Applied by the auth decorators to authenticated routes only; public routes carry no wrapper.
 */
export function BindUnitOfWork(): MethodDecorator & ClassDecorator {
  return ((target: object, _key?: string | symbol, descriptor?: PropertyDescriptor) => {
    if (descriptor) {
      descriptor.value = wrap(descriptor.value as Handler);
      return descriptor;
    }
    const prototype = (target as { prototype: Record<string, unknown> }).prototype;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const method = Object.getOwnPropertyDescriptor(prototype, name);
      if (name === 'constructor' || typeof method?.value !== 'function' || !Reflect.hasOwnMetadata(METHOD_METADATA, method.value)) continue;
      Object.defineProperty(prototype, name, { ...method, value: wrap(method.value as Handler) });
    }
    return undefined;
  }) as MethodDecorator & ClassDecorator;
}
