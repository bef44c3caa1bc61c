/** Environment variables the global setup hands to the test files. */
export const TEST_OWNER_URL = 'RUMBO_TEST_OWNER_URL';
export const TEST_APP_URL = 'RUMBO_TEST_APP_URL';

export function testDatabaseUrls(): { ownerUrl: string; appUrl: string } {
  const ownerUrl = process.env[TEST_OWNER_URL];
  const appUrl = process.env[TEST_APP_URL];
  if (!ownerUrl || !appUrl) throw new Error('test database not prepared: run the API tests through jest (globalSetup)');
  return { ownerUrl, appUrl };
}
