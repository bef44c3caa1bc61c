/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Base URL of the Rumbo API; empty or unset means "same origin as the SPA". */
  readonly VITE_API_BASE_URL?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
