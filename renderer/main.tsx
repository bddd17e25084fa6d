import '@fontsource/be-vietnam-pro/400.css';
import '@fontsource/be-vietnam-pro/500.css';
import '@fontsource/be-vietnam-pro/600.css';
import './theme/palette.css';
import './theme/base.css';
import './i18n/index.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { selectTransport } from './api/select-transport.js';
import { startClock } from './stores/clock-store.js';
import { startConferenceFeed } from './stores/conference-feed.js';
import { startConsoleSession } from './stores/console-session.js';
import { startScheduleFeed } from './stores/schedule-store.js';
import { useConnectionStore } from './stores/connection-store.js';

startClock();
const session = startConsoleSession(selectTransport(window));
startConferenceFeed(session.api, (e) => useConnectionStore.getState().noteProtocolError(e.message));
startScheduleFeed(session.api, (e) => useConnectionStore.getState().noteProtocolError(e.message));

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
