// Who answers a form of each kind: a new campaign or schedule takes its audience from its form.
const AUDIENCE_OF: Record<string, string> = { self_report: 'institution', parent_survey: 'parents', student_diagnostic: 'students' };

export const audienceOf = (kind: string | undefined) => AUDIENCE_OF[kind ?? 'self_report'];
