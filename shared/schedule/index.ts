/** The meeting schedule: data model, time zones, and the booking rules of the regulations. */
export * from './zoned-time.js';
export * from './meeting.js';
export * from './booking-request.js';
export * from './recurrence.js';
export * from './participants.js';
export * from './status.js';
export * from './violations.js';
export * from './conflicts.js';
export * from './rules.js';
export * from './conference-link.js';
