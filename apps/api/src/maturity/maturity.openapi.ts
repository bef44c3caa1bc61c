import { applyDecorators } from '@nestjs/common';
import { ApiParam, ApiResponse } from '@nestjs/swagger';
import { registeredProblems } from '../platform/errors/catalogue';
import { PlatformProblem } from '../platform/errors/platform.problems';
import { PROBLEM_CONTENT_TYPE, problemType, statusTitle } from '../platform/errors/problem';
import { MaturityProblem } from './maturity.problems';

type Code = MaturityProblem | PlatformProblem;

/**
 * Documents the problems an operation answers with, by status: one application/problem+json response
 * per status, listing its codes with an example of each, taken from the catalogues (so the contract
 * cannot name a code the module does not declare). A stand-in for the platform's contract decorator:
 * the same argument list, so switching over is a change of import.
 */
export function ApiProblems(...codes: Code[]): MethodDecorator {
  const registry = registeredProblems();
  const byStatus = new Map<number, { code: string; example: string }[]>();
  for (const code of codes) {
    const problem = registry.get(code);
    if (!problem) throw new Error(`ApiProblems: problem code "${code}" is not in any catalogue`);
    byStatus.set(problem.status, [...(byStatus.get(problem.status) ?? []), { code, example: problem.example }]);
  }
  return applyDecorators(
    ...[...byStatus].map(([status, problems]) =>
      ApiResponse({
        status,
        description: problems.map((p) => `\`${p.code}\`: ${p.example}`).join('\n\n'),
        // Merged over a generic response of the same status (TenantAccess's 404), whose schema would win.
        schema: undefined,
        content: {
          [PROBLEM_CONTENT_TYPE]: {
            schema: { $ref: '#/components/schemas/Problem' },
            examples: Object.fromEntries(
              problems.map((p) => [
                p.code,
                {
                  summary: p.code,
                  value: {
                    type: problemType(p.code),
                    title: statusTitle(status, 'en'),
                    status,
                    detail: p.example,
                    instance: '/v1/…',
                    requestId: '01J9Z6Q5V8K3M2N4P6R8S0T2V4',
                  },
                },
              ]),
            ),
          },
        },
      }),
    ),
  );
}

/** A path id the route parses with ParseUUIDPipe, documented as such. */
export function ApiUuidParam(name: string, description: string): MethodDecorator {
  return ApiParam({ name, description, schema: { type: 'string', format: 'uuid' } });
}
