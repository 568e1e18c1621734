import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../base.css';
import './patient.css';
import { PatientApp } from './PatientApp';

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');

createRoot(root).render(
  <StrictMode>
    <PatientApp />
  </StrictMode>,
);
