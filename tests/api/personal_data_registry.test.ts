import { startApp, type TestApp } from '../support/app';
import { modelDefs } from '../../cloud/src/core/db';
import { personalDataProviders } from '../../cloud/src/people/personal-data';

// Erasure reaches every copy only if every collection that can hold a person — their id, name,
// phone, ID number, words or photos — is looked after by some area's `<area>.personal-data.ts`.
// This finds every such collection among the models the app loaded and fails on one that no
// provider declares (or that is not named below with the reason it keeps nothing of the person).
let t: TestApp;
beforeAll(async () => {
  t = await startApp(__filename);
});
afterAll(() => t.close());

/** Fields that hold a person (by id), what identifies them, or what they wrote or photographed. */
const PERSON_FIELD =
  /^(owner|ownerId|userId|personId|memberId|actorId|assigneeId|leaderId|blownBy|reportedBy|createdBy|grantedBy|invitedBy|revokedBy|reviewedBy|name|realName|phone|contactPhone|idNumber|idNumberIndex|phoneIndex|address|description|text|note|comment|reason|result|photos|resultPhotos|answers|openid)$/;

/** Collections with such a field that keep nothing of a person an erasure must remove, and why. */
const KEEPS_NOTHING: Record<string, string> = {
  menuItems: 'service names and descriptions written by staff',
  orgs: 'places: the names are of streets, communities, complexes, buildings',
  units: 'resident units: organisations, not people',
  registrationPosts: '双报到 posts: named by the community',
  staffMembers: "the staff roster: the employer's record of a post, corrected by administrators (rosters)",
  resources: "published service offers: the contact is the unit's public one; personId is an id only",
  activities: 'activities published by staff: createdBy is an id, the text is the organiser’s',
  projects: 'public-benefit projects: createdBy is an id',
  shopItems: 'points shop items written by staff',
  stations: 'service stations: public addresses and phones',
  orgEvents: 'changes to the tree: the staff member acting (an id) and their stated reason',
  partyMemberEvents: "a staff override of a member's category: categories and the staff's reason",
  patrolFindings: "a grid worker's patrol findings: work in office (the worker's id)",
  findingConversions: 'how a finding became a need or whistle: the staff note is work in office',
  serviceRecordCorrections: 'a staff correction of hours: kept with the hours it corrects (statistics)',
  outboxLeases: '`owner` is the sending process, not a person',
  audit: 'who read whose data: ids only, kept at least 180 days by law (等保 2.0), never changed',
};

function personFields(schema: any, prefix = ''): string[] {
  const found: string[] = [];
  schema.eachPath((p: string, type: any) => {
    if (type.schema) found.push(...personFields(type.schema, `${prefix}${p}.`));
    else if (PERSON_FIELD.test(p.split('.').at(-1)!)) found.push(`${prefix}${p}`);
  });
  return found;
}

test('every collection that can hold a person is declared by an area’s personal-data provider', () => {
  const declared = new Map<string, string>();
  for (const p of personalDataProviders()) for (const c of p.collections) declared.set(c, p.area);
  const missing: string[] = [];
  const found: string[] = [];
  for (const def of modelDefs()) {
    const collection = def.schema.get('collection') as string;
    const fields = personFields(def.schema);
    if (fields.length) found.push(collection);
    if (!fields.length || collection in KEEPS_NOTHING || declared.has(collection)) continue;
    missing.push(`${collection} (${fields.join(', ')})`);
  }
  expect(missing).toEqual([]);
  expect(found).toEqual(expect.arrayContaining(['needs', 'whistles', 'users', 'notifications', 'partyMembers']));
  const collections = new Set(modelDefs().map((d) => d.schema.get('collection') as string));
  expect([...declared.keys()].filter((c) => !collections.has(c))).toEqual([]);
});
