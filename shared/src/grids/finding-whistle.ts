import { z } from '../validation';
// Kept apart from patrols.ts: the whistles area builds its categories from patrols.ts, so
// patrols.ts must not import the whistles area back (a require cycle).
import { blowWhistleBody } from '../whistles/schemas';

/** Whistle types a finding can be blown as (项目吹哨 comes from a project, not a patrol). */
export const FINDING_WHISTLE_TYPES = ['communityToStreet', 'govToDepartment', 'communityToPartyMembers'] as const;

/**
 * Turning a finding into a whistle (吹哨) in one step: the whistle is about the finding (subject
 * `finding`), blown from the caller's own place, with the finding's words and category unless
 * given. Targets, urgency and the volunteer call are the whistle's own (blowWhistle).
 */
export const convertFindingToWhistleBody = z.strictObject({
  type: z.enum(FINDING_WHISTLE_TYPES, { error: '请选择吹哨类型' }),
  urgency: blowWhistleBody.shape.urgency,
  category: blowWhistleBody.shape.category,
  /** Defaults to the finding's category and the start of its description. */
  title: blowWhistleBody.shape.title.optional(),
  description: blowWhistleBody.shape.description.optional(),
  targets: blowWhistleBody.shape.targets,
  volunteerCall: blowWhistleBody.shape.volunteerCall,
});
export type ConvertFindingToWhistleBody = z.infer<typeof convertFindingToWhistleBody>;
