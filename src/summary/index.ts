export { summarySentences, type SummaryScope } from './pool';
