// What the cases feature offers other features: where one case is read (a brief is written for a case).

export { caseApiPath } from './paths.js';
