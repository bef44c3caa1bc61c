import { fileURLToPath, URL } from 'node:url';
import { mergeConfig } from 'vitest/config';
import base from './vitest.config.ts';
export default mergeConfig(base, { resolve: { alias: { '@rumbo/api-client': fileURLToPath(new URL('./.devstub/api-client.ts', import.meta.url)) } } });
