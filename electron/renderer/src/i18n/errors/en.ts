/** What the console says when something fails: its own sentences, and the API's codes and fields. */
export const errorsEn = {
  network: 'The server cannot be reached. Check the connection and the server address.',
  unknown: 'Something went wrong.',
  staffOnly: 'This console is for staff accounts. Patients use the Queuebell app.',
  browserServer: 'In a browser the console always uses the server it was loaded from.',
  wrongCredentials: 'The email or password is not right.',
  server: 'Something went wrong on the server. Try again in a moment.',
  /** By the contract's error codes (docs/API.md); shown in Spanish and French, see errors.ts. */
  codes: {
    validation_failed: 'Some details are not valid. Check them and try again.',
    unauthenticated: 'Your session has ended. Sign in again.',
    forbidden: 'You are not allowed to do this.',
    not_assigned: 'You are not assigned to this department.',
    not_found: 'This is no longer there. The list has been read again.',
    queue_empty: 'Nobody is waiting in this queue.',
    invalid_transition: 'This ticket has already moved on and cannot take that step.',
    schedule_overlap: 'This overlaps another active schedule of the department.',
    department_exists: 'A department with this code already exists.',
    rate_limited: 'Too many attempts. Wait a while and try again.',
    payload_too_large: 'That is too much to send at once.',
  },
  /** The fields the API may name in a 400's details. */
  fields: {
    daysOfWeek: 'Days',
    startTime: 'Opens at',
    endTime: 'Closes at',
    room: 'Room',
    reason: 'Reason',
    note: 'Note',
    priority: 'Priority',
    email: 'Email',
    password: 'Password',
  },
  /** What the API said of a field, for the messages it is known to give. */
  problems: {
    required: 'is required',
    time: 'must be a time HH:MM (00:00–23:59)',
    differsFromStart: 'must differ from the opening time',
    repeatedDay: 'must not repeat a day',
    tooFew: 'needs at least one',
    invalid: 'is not valid',
  },
  detail: '{{field}}: {{problem}}',
};
