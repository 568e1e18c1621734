import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../base.css';
import './kiosk.css';
import { KioskApp } from './KioskApp';

const root = document.getElementById('root');
if (!root) throw new Error('kiosk.html lacks #root');

createRoot(root).render(
  <StrictMode>
    <KioskApp />
  </StrictMode>,
);
