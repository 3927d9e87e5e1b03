import { z } from '../validation';
import { myDataReader } from '../audit/schemas';

/** The phrase a person re-types to delete their account: deletion cannot be undone. */
export const ERASE_CONFIRM_PHRASE = '注销账号';

/** Everything the service holds about the caller, by area (profile, needs, bookings, shifts, teams…). */
export const myDataExport = z.object({
  exportedAt: z.string(),
  userId: z.string(),
  /** One entry per area that holds personal data; new areas register a provider and appear here. */
  areas: z.record(z.string(), z.unknown()),
  /** Who on the staff read my data, newest first: role, place, masked name, what, why, when (PIPL). */
  readers: z.array(myDataReader),
});
export type MyDataExport = z.infer<typeof myDataExport>;

export const eraseMeBody = z.strictObject({
  confirm: z.string().refine((v) => v === ERASE_CONFIRM_PHRASE, `请输入“${ERASE_CONFIRM_PHRASE}”以确认`),
});

export const eraseMeResult = z.object({
  erasedAt: z.string(),
  /** The areas that erased or anonymised records. */
  areas: z.array(z.string()),
});
