import { z, objectId, page, pageSize, paged } from '../validation';
import { EDUCATION_LEVELS } from './rosters';

/**
 * The 两委 and staff roster as the admin page shows it: the plain fields of the roster contract
 * (StaffMemberRecord) and the age; the ID number and phone (encrypted) never leave the server.
 */
export const staffRosterRow = z.object({
  id: z.string(),
  name: z.string(),
  placeId: z.string(),
  placeName: z.string(),
  post: z.string(),
  committee: z.boolean(),
  age: z.number().int(),
  education: z.enum(EDUCATION_LEVELS),
  active: z.boolean(),
});
export type StaffRosterRow = z.infer<typeof staffRosterRow>;
/** active=false lists those who left (离任), kept for history. */
export const staffRosterQuery = z.strictObject({
  communityId: objectId.optional(),
  active: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .default(true),
  page,
  pageSize,
});
export const staffRosterPage = paged(staffRosterRow);
