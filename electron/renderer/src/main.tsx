import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { setupI18n } from './i18n';
import { UpdateBanner } from './UpdateBanner';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');

// Translations are bundled, so this settles at once; it only has to happen before the first render.
void setupI18n().then(() =>
  createRoot(root).render(
    <StrictMode>
      <UpdateBanner />
      <App />
    </StrictMode>,
  ),
);
