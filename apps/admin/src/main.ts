import 'primeicons/primeicons.css';
import './styles/main.css';
import { createApiConnection } from './api/client';
import { createRumboAdmin } from './app';

const { app, router } = createRumboAdmin({ api: createApiConnection() });

// Mount once the first route is resolved, so a deep link never flashes the wrong screen.
void router.isReady().then(() => app.mount('#app'));
