import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../base.css';
import './patient.css';
import { setupI18n } from './i18n';
import { PatientApp } from './PatientApp';
import { registerServiceWorker } from './sw-register';

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');

registerServiceWorker();
// Translations are bundled, so this settles at once; it only has to happen before the first render.
void setupI18n().then(() =>
  createRoot(root).render(
    <StrictMode>
      <PatientApp />
    </StrictMode>,
  ),
);
