import { parentPort, workerData } from 'node:worker_threads';
import { surveyFolderHere, type SurveyOptions } from './folder-survey.ts';

/** The folder survey's thread (see folder-survey.ts): one survey, sent back, then the thread ends. */
const { directory, options } = workerData as { directory: string; options: SurveyOptions };
try {
  const survey = await surveyFolderHere(directory, options);
  parentPort!.postMessage(survey);
} catch (error) {
  parentPort!.postMessage({ error: (error as Error).message });
}
