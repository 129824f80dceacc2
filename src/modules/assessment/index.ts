/** What other modules (and the dashboard) may use of assessment 考评督导. */
export { ASSESSMENT_FIGURES } from './figures.js';
export { totalScore, gradeOf, ratingScore, reviewScore, visitScore } from './grading.js';
