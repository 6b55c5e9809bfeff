// zod-config first: it must run before any contract schema is built.
import './zod-config.js';
import 'uplot/dist/uPlot.min.css';
import './styles/app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBridge } from './api/bridge.js';
import { App } from './App.js';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App bridge={createBridge(window)} />
  </StrictMode>,
);
