import { createRumboClient, isProblem } from './index';

function recordingFetch(status = 200, body: unknown = { status: 'ok' }) {
  const seen: Request[] = [];
  const fetch = async (input: Request) => {
    seen.push(input);
    return new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' },
    });
  };
  return { seen, fetch };
}

describe('createRumboClient', () => {
  it('sends the token as a bearer credential and returns typed data', async () => {
    const { seen, fetch } = recordingFetch();
    const client = createRumboClient({ baseUrl: 'http://api.test/', token: 'rmb_abc_secret', fetch });
    const { data, error } = await client.GET('/health/live');
    expect(error).toBeUndefined();
    expect(data).toEqual({ status: 'ok' });
    expect(seen[0].url).toBe('http://api.test/health/live');
    expect(seen[0].headers.get('authorization')).toBe('Bearer rmb_abc_secret');
  });

  it('asks a token function before every request (refreshable credentials)', async () => {
    const { seen, fetch } = recordingFetch();
    let n = 0;
    const client = createRumboClient({ baseUrl: 'http://api.test', token: () => `t${++n}`, fetch });
    await client.GET('/health/live');
    await client.GET('/health/live');
    expect(seen.map((r) => r.headers.get('authorization'))).toEqual(['Bearer t1', 'Bearer t2']);
  });

  it('sends no Authorization header without a token, and surfaces problems as errors', async () => {
    const problem = { type: 'urn:rumbo:problem:not-found', title: 'Not Found', status: 404, detail: 'x', instance: '/x', requestId: 'r1' };
    const { seen, fetch } = recordingFetch(503, problem);
    const client = createRumboClient({ baseUrl: 'http://api.test', fetch });
    const { error } = await client.GET('/health/ready');
    expect(seen[0].headers.get('authorization')).toBeNull();
    expect(isProblem(error)).toBe(true);
    expect(isProblem({ status: 1 })).toBe(false);
  });
});
