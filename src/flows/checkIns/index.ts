// Check-ins: logging a meeting from the nudge's buttons, the pair's settings, and the scheduler's steps.
export { logMeeting, scheduleMeeting, skipCheckIn, type CheckInClick, type CheckInOutcome } from './logMeeting.js';
export { changeCadence, pauseCheckIns, resumeCheckIns } from './pairSettings.js';
export { runCheckIns, type CheckInDeps, type CheckInReport } from './schedulerPass.js';
