import '@fontsource/be-vietnam-pro/400.css';
import '@fontsource/be-vietnam-pro/500.css';
import '@fontsource/be-vietnam-pro/600.css';
import './theme/palette.css';
import './theme/base.css';
import './i18n/index.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { gatewayFor } from './api/auth-gateway.js';
import { detectHost } from './api/select-transport.js';
import { startAnnunciator } from './features/alarms/annunciator.js';
import { deskOutputs } from './features/alarms/desk-outputs.js';
import { AuthGate } from './features/auth/auth-gate.js';
import { followDeskZoom } from './features/shell/desk-zoom.js';
import { createAuthStore } from './stores/auth-store.js';
import { startClock } from './stores/clock-store.js';
import { startConsole } from './stores/console-session.js';

// A large screen zooms the whole console (or the desk's "Cỡ chữ" does), before the first paint.
followDeskZoom(window);
startClock();
// New critical and high alarms are heard (unless silenced) and, when the window is not looked at, notified.
startAnnunciator(deskOutputs());
// The console (link, streams, stores) starts only once someone has logged in.
const auth = createAuthStore({ gateway: gatewayFor(detectHost(window)), startConsole: (selected) => startConsole(selected) });
void auth.getState().start();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <AuthGate store={auth}>
      <App />
    </AuthGate>
  </StrictMode>,
);
