import ForgeReconciler from '@forge/react';
import { StrictMode } from 'react';
import { AdminPage } from './components/admin/admin-page';

ForgeReconciler.render(
  <StrictMode>
    <AdminPage />
  </StrictMode>,
);
