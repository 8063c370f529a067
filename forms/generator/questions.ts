// The questions of a SurveyJS form's JSON, in page order, with panels opened up: what the
// answers of one respondent are keyed by.
export type JsonElement = { name: string; type: string; elements?: JsonElement[]; [key: string]: unknown };

const within = (container: { elements?: JsonElement[] }): JsonElement[] => (container.elements ?? []).flatMap((e) => (e.elements ? within(e) : [e]));

export const questionsOf = (json: Record<string, unknown>): JsonElement[] => ((json.pages ?? []) as { elements?: JsonElement[] }[]).flatMap(within);
