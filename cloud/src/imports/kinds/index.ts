import type { ImportKind } from '@gongzhi/shared';
import type { ImportKindDef } from '../kind';
import { complexesKind } from './complexes';
import { orgTreeKind } from './org-tree';
import { partyMembersKind } from './party-members';
import { pastActivitiesKind } from './past-activities';
import { peopleKind } from './people';
import { staffKind } from './staff';
import { unitsKind } from './units';

/** Every import kind; columns and row schemas live in shared/src/imports/rows.ts. */
export const IMPORT_KIND_DEFS = {
  residents: peopleKind('residents', 'resident'),
  volunteers: peopleKind('volunteers', 'volunteer'),
  partyMembers: partyMembersKind,
  units: unitsKind,
  staff: staffKind,
  complexes: complexesKind,
  pastActivities: pastActivitiesKind,
  orgTree: orgTreeKind,
} as unknown as Record<ImportKind, ImportKindDef>;
