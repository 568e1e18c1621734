import { beforeAll, describe, expect, it } from 'vitest';
import type { StaffTicket } from '../../../shared/tickets';
import { joinedAlert, longWaitAlert } from './alert-text';
import { speak } from './i18n/testing';

describe('desktop notifications', () => {
  beforeAll(() => speak('en'));

  it('name the ticket and the department, never the patient', () => {
    // A whole ticket as the waiting list has it, name and all: only its number may reach the OS.
    const ticket = { id: 7, number: 'OPD-007', patientName: 'Grace Hopper' } as StaffTicket;
    const alert = longWaitAlert(ticket, 42, 'Outpatients');
    expect(alert).toEqual({
      title: 'OPD-007 has waited 42 min',
      body: 'Outpatients: ticket OPD-007 is still waiting.',
    });
    expect(JSON.stringify(alert)).not.toContain('Grace');
    expect(JSON.stringify(alert)).not.toContain('Hopper');
  });

  it('say the same in Spanish and French, still without the name', async () => {
    const ticket = { id: 7, number: 'OPD-007', patientName: 'Grace Hopper' } as StaffTicket;
    for (const language of ['es', 'fr'] as const) {
      await speak(language);
      const alert = longWaitAlert(ticket, 42, 'Consultas');
      expect(alert.body).toContain('OPD-007');
      expect(JSON.stringify(alert)).not.toContain('Grace');
    }
    await speak('en');
  });

  it('say which department an empty queue got someone in, and no one by name', () => {
    expect(joinedAlert('Orthopaedics')).toEqual({
      title: 'Patient waiting in Orthopaedics',
      body: 'Someone joined the empty Orthopaedics queue.',
    });
  });
});
