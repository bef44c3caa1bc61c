import request from 'supertest';
import { bearer } from './fixtures';
import type { TestApp } from './test-app';

type Credential = Parameters<typeof bearer>[0];

/** Requests as one credential, with the verbs the frictions routes use. */
export function frictionsAs(t: TestApp, credential: Credential) {
  const auth = bearer(credential);
  return {
    get: (path: string, query: Record<string, string> = {}) => request(t.server).get(path).query(query).set('Authorization', auth),
    post: (path: string, body?: object | string, headers: Record<string, string> = {}) => {
      const req = request(t.server).post(path).set('Authorization', auth).set(headers);
      return body === undefined ? req : req.send(body);
    },
    patch: (path: string, body: object, headers: Record<string, string> = {}) =>
      request(t.server).patch(path).set('Authorization', auth).set(headers).send(body),
    put: (path: string, body: object, headers: Record<string, string> = {}) =>
      request(t.server).put(path).set('Authorization', auth).set(headers).send(body),
    delete: (path: string, headers: Record<string, string> = {}) => request(t.server).delete(path).set('Authorization', auth).set(headers),
  };
}

/** The METHOD.md §3 case by hand: businesses 532,000 (12,000 h), staff 67,200 at 42/h (1,600 h), citizens 36,000 (11,250 h). */
export const THREE_LINES = [
  {
    audience: 'businesses',
    population: 2000,
    frequencyPerYear: 4,
    minutesPerOccurrence: 90,
    tariffPerHour: 42,
    outOfPocketPerOccurrence: 3.5,
  },
  { audience: 'staff', population: 8000, frequencyPerYear: 1, minutesPerOccurrence: 12 },
  { audience: 'citizens', population: 15000, frequencyPerYear: 1, minutesPerOccurrence: 45, outOfPocketPerOccurrence: 2.4 },
];
