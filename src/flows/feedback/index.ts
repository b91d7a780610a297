// Feedback: prompts after a meeting, milestone surveys, answers and their privacy, the pair's objectives.
export { requestFor, type FeedbackOutcome } from './access.js';
export {
  answerCheckInFeedback,
  answerSurvey,
  openAnswerForm,
  type AnswerOutcome,
  type FeedbackDeps,
  type InvalidAnswer,
  type Submission,
} from './answers.js';
export { openObjectives, setPairObjectives } from './objectives.js';
export { promptsAfterMeeting, surveyPrompts, type Prompts } from './prompts.js';
export { runFeedback, type FeedbackReport } from './schedulerPass.js';
export { summariseFeedback } from './summary.js';
