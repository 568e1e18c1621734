import { z } from 'zod';
import { departmentCode } from './schemas';

/** Appointments: a patient booked in a department at a time, checked in from the app inside a window. */

export const APPOINTMENT_STATUSES = ['booked', 'checked_in', 'cancelled', 'missed'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

/** Check-in opens this long before the booked time and closes this long after; later, it is `missed`. */
export const CHECK_IN_OPENS_MINUTES_BEFORE = 30;
export const CHECK_IN_CLOSES_MINUTES_AFTER = 15;

export interface Appointment {
  id: number;
  department: string;
  at: string;
  status: AppointmentStatus;
  /** The ticket check-in gave; null before. */
  ticketId: number | null;
  note: string | null;
}

/** To staff of a department: its bookings changed (booked, imported, cancelled, checked in, missed). */
export interface AppointmentsChangedEvent {
  department: string;
}

/** What staff see in a day's list: the appointment and whose it is. */
export interface StaffAppointment extends Appointment {
  patientId: number;
  patientName: string;
}

const note = z.string().trim().min(1).max(500);
const patientId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const createAppointmentBody = z.strictObject({
  department: departmentCode,
  patientId,
  at: z.iso.datetime({ offset: true }),
  note: note.optional(),
});
export type CreateAppointmentBody = z.infer<typeof createAppointmentBody>;

/** A day (the hospital's local date; today when left out) of one department. */
export const appointmentListQuery = z.strictObject({
  department: departmentCode,
  date: z.iso.date().optional(),
});

/**
 * A day's list as CSV, one booking a line: `time,patient,note` (time `HH:MM` in the hospital's time
 * zone, patient an email or an account id, note optional; a header line is allowed). `dryRun` answers
 * what each line would be, and creates nothing.
 */
export const importAppointmentsBody = z.strictObject({
  department: departmentCode,
  date: z.iso.date(),
  csv: z.string().min(1).max(60_000),
  dryRun: z.boolean(),
});
export type ImportAppointmentsBody = z.infer<typeof importAppointmentsBody>;

/** One line of an import: what it would book, or why it cannot. */
export interface ImportRow {
  line: number;
  time: string;
  patient: string;
  note: string | null;
  /** The booking's instant, when the time reads. */
  at: string | null;
  patientName: string | null;
  error: { code: ImportErrorCode; message: string } | null;
}

export type ImportErrorCode = 'bad_time' | 'unknown_patient' | 'bad_line' | 'note_too_long';

export interface ImportAnswer {
  rows: ImportRow[];
  /** The bookings made: none on a dry run, or when any line has an error. */
  created: Appointment[];
}

/** `GET /api/patients?department=&q=`: a nurse finds a patient to book by name or email. */
export const patientSearchQuery = z.strictObject({
  department: departmentCode,
  q: z.string().trim().min(2, { message: 'must be at least 2 characters' }).max(120),
});

export interface PatientMatch {
  id: number;
  name: string;
  email: string | null;
}
