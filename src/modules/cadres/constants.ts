/** Cadres and community workers (decision 054): the closed lists the API, the pages and the seed share. */
export const WORKER_STATUSES = ['active', 'left'] as const;
export const ASSIGNMENT_KINDS = ['liaison', 'sentDown'] as const;
export const TALENT_SOURCES = ['gridWorker', 'veteran', 'graduate', 'migrant', 'entrepreneur', 'other'] as const;
export const TALENT_STATUSES = ['pool', 'training', 'appointed', 'left'] as const;
export const TRAINING_KINDS = ['course', 'secondment', 'practice', 'degree'] as const;
/** The 三岗 and the degrees, as organizations' 三岗十八级 rule names them (worker-grade.rules.ts). */
export const POSTS = ['head', 'deputy', 'staff'] as const;
export const DEGREE_LEVELS = ['none', 'bachelor', 'master', 'doctorate'] as const;
