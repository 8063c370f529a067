// The world the security tests probe: the demo callers, and for each kind of resource one that
// belongs to the coordinator's own school (kalininsky-sosh1, in everyone's scope), one of a
// sibling school in the same municipality (kalininsky, out of the coordinator's scope only)
// and one of another region's municipality (kalarsky, in nobody's scope but the admin's).
import { eq } from 'drizzle-orm';
import { invitationsTable } from '../../drizzle/schema/index.ts';
import { invitationToken } from '../../server/reminders/invitations.tokens.ts';
import { customSurvey } from './forms.ts';
import { assignmentOf, launchCampaign, publishForm, publishGeneratedForm } from './scenario.ts';
import { testConfig, type createTestApp } from './test-app.ts';

type T = Awaited<ReturnType<typeof createTestApp>>;

export const ROLES = ['admin', 'analyst', 'coordinator', 'viewer'] as const;
export type Role = (typeof ROLES)[number];
export type Caller = Role | 'anonymous';
export const CALLERS: Caller[] = [...ROLES, 'anonymous'];

/** A complete self-report for the TAL-1/3/5 form below. */
export const SELF_REPORT = { pupils_5_18: 400, pupils_5_18_supplementary: 300, pupils_5_18_pfdo_certificate: 250, has_school_sports_club: true };

export async function securityFixtures(t: T) {
  const callers = {
    admin: await t.login('admin@demo.local'),
    analyst: await t.login('analyst@kalininsky.demo'),
    coordinator: await t.login('school@kalininsky.demo'),
    viewer: await t.login('viewer@saratov.demo'),
  };
  const foreignAnalyst = await t.login('analyst@kalarsky.demo');
  const headersOf = (caller: Caller): Record<string, string> => (caller === 'anonymous' ? {} : callers[caller].headers);

  const org = {
    kalininsky: await t.org('kalininsky'),
    sosh1: await t.org('kalininsky-sosh1'),
    gym: await t.org('kalininsky-gym'),
    dou1: await t.org('kalininsky-dou1'),
    kalarsky: await t.org('kalarsky'),
    kalarskySosh1: await t.org('kalarsky-sosh1'),
    kalarskyGym: await t.org('kalarsky-gym'),
    kalarskyDou1: await t.org('kalarsky-dou1'),
  };

  // a parent survey form of each municipality (owned by it) and a self-report form of the root
  const ownVersionId = await publishForm(t, callers.analyst, customSurvey);
  const foreignVersionId = await publishForm(t, foreignAnalyst, customSurvey);
  const formOf = async (versionId: string, who: { headers: Record<string, string> }) =>
    (await t.app.inject({ url: `/api/form-versions/${versionId}`, headers: who.headers })).json().formId as string;
  const ownFormId = await formOf(ownVersionId, callers.analyst);
  const foreignFormId = await formOf(foreignVersionId, foreignAnalyst);
  const selfReportVersionId = await publishGeneratedForm(t, callers.admin, { kind: 'self_report', catalogue: 'kalininsky', indicators: ['TAL-1', 'TAL-3', 'TAL-5'] });

  // a self-report campaign over the schools of both municipalities, run by the admin
  const selfReport = await launchCampaign(t, callers.admin, {
    formVersionId: selfReportVersionId, audience: 'institution', units: [org.kalininsky.id, org.kalarsky.id], institutionKinds: ['school'],
  });
  // parent surveys with public codes: Kalininsky's kindergarten, and Kalarsky's
  const ownSurvey = await launchCampaign(t, callers.analyst, { formVersionId: ownVersionId, audience: 'parents', units: [org.dou1.id], expected: { [org.dou1.id]: 20 } });
  const foreignSurvey = await launchCampaign(t, foreignAnalyst, { formVersionId: foreignVersionId, audience: 'parents', units: [org.kalarskyDou1.id], expected: { [org.kalarskyDou1.id]: 20 } });
  // a parent survey over the schools of both municipalities: links, QR codes and invitations
  const schoolSurvey = await launchCampaign(t, callers.admin, {
    formVersionId: ownVersionId, audience: 'parents', units: [org.kalininsky.id, org.kalarsky.id], institutionKinds: ['school'],
  });
  // one personal invitation of the own school, to have a real unsubscribe token
  const ownSurveyAssignment = assignmentOf(schoolSurvey, 'kalininsky-sosh1');
  const invited = await t.app.inject({ method: 'POST', url: `/api/assignments/${ownSurveyAssignment.id}/invitations`, headers: callers.analyst.headers, payload: { emails: ['parent@example.ru'] } });
  if (invited.statusCode !== 200) throw new Error(`invitation: ${invited.statusCode} ${invited.body}`);
  const [invitation] = await t.db.select().from(invitationsTable).where(eq(invitationsTable.assignmentId, ownSurveyAssignment.id));

  return {
    callers, foreignAnalyst, headersOf, org,
    forms: { ownFormId, ownVersionId, foreignFormId, foreignVersionId, selfReportVersionId },
    campaigns: { selfReport, ownSurvey, foreignSurvey, schoolSurvey },
    assignments: {
      own: assignmentOf(selfReport, 'kalininsky-sosh1'),
      sibling: assignmentOf(selfReport, 'kalininsky-gym'),
      untouched: assignmentOf(selfReport, 'kalininsky-oosh'),
      foreign: assignmentOf(selfReport, 'kalarsky-sosh1'),
    },
    surveyAssignments: { own: ownSurveyAssignment, sibling: assignmentOf(schoolSurvey, 'kalininsky-gym'), foreign: assignmentOf(schoolSurvey, 'kalarsky-sosh1') },
    invitationToken: invitationToken(testConfig().jwtSecret, invitation.id),
    codes: { own: assignmentOf(ownSurvey, 'kalininsky-dou1').publicCode!, foreign: assignmentOf(foreignSurvey, 'kalarsky-dou1').publicCode! },
  };
}

export type SecurityFixtures = Awaited<ReturnType<typeof securityFixtures>>;
