import { Schema, Types } from 'mongoose';
import { MEMBERSHIP_STATUSES, TEAM_CODES, type MembershipStatus, type TeamCode } from '@gongzhi/shared';
import { defineModel } from '../core/db';
import { placeSchema, type Place } from '../core/place';

/**
 * A volunteer team (志愿队) of one community, one per team code: activities name the team by its
 * code, so (communityId, code) finds it and is unique.
 */
export interface Team {
  _id: Types.ObjectId;
  code: TeamCode;
  name: string;
  description: string;
  communityId: Types.ObjectId;
  /** The community's place (grid, complex, building null): scoping as everywhere else. */
  place: Place;
  /** An active member who approves and removes members; null until staff appoint one. */
  leaderId: Types.ObjectId | null;
  /** The service station the team is based at. */
  stationId: Types.ObjectId | null;
  createdAt: Date;
  updatedAt: Date;
}

export const TeamModel = defineModel<Team>(
  'Team',
  new Schema<Team>(
    {
      code: { type: String, enum: TEAM_CODES, required: true },
      name: { type: String, required: true },
      description: { type: String, default: '' },
      communityId: { type: Schema.Types.ObjectId, required: true },
      place: { type: placeSchema, required: true },
      leaderId: { type: Schema.Types.ObjectId, default: null },
      stationId: { type: Schema.Types.ObjectId, default: null },
      createdAt: { type: Date, required: true },
      updatedAt: { type: Date, required: true },
    },
    { collection: 'teams', versionKey: false },
  )
    .index({ communityId: 1, code: 1 }, { unique: true })
    .index({ leaderId: 1 })
    .index({ stationId: 1 }),
);

/**
 * A person's membership of a team, from application to active. The unique (teamId, personId)
 * index holds the race of two simultaneous applications; a rejection or removal deletes the
 * record, so the person may apply again later.
 */
export interface TeamMembership {
  _id: Types.ObjectId;
  teamId: Types.ObjectId;
  personId: Types.ObjectId;
  communityId: Types.ObjectId;
  status: MembershipStatus;
  note: string;
  appliedAt: Date;
  approvedAt: Date | null;
  approvedBy: Types.ObjectId | null;
}

export const TeamMembershipModel = defineModel<TeamMembership>(
  'TeamMembership',
  new Schema<TeamMembership>(
    {
      teamId: { type: Schema.Types.ObjectId, required: true },
      personId: { type: Schema.Types.ObjectId, required: true },
      communityId: { type: Schema.Types.ObjectId, required: true },
      status: { type: String, enum: MEMBERSHIP_STATUSES, required: true },
      note: { type: String, default: '' },
      appliedAt: { type: Date, required: true },
      approvedAt: { type: Date, default: null },
      approvedBy: { type: Schema.Types.ObjectId, default: null },
    },
    { collection: 'teamMemberships', versionKey: false },
  )
    .index({ teamId: 1, personId: 1 }, { unique: true })
    .index({ personId: 1 }),
);
