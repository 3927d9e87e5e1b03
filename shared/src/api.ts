import * as auth from './auth/endpoints';
import * as menu from './menu/endpoints';
import * as needs from './needs/endpoints';
import * as resources from './resources/endpoints';
import * as activities from './activities/endpoints';
import * as projects from './projects/endpoints';
import * as notifications from './notifications/endpoints';
import * as grids from './grids/endpoints';
import * as notices from './notices/endpoints';
import * as party from './party/endpoints';
import * as imports from './imports/endpoints';
import * as whistles from './whistles/endpoints';
import * as stats from './stats/endpoints';
import * as hours from './hours/endpoints';
import * as points from './points/endpoints';
import * as teams from './teams/endpoints';
import * as people from './people/endpoints';
import * as grants from './grants/endpoints';
import * as rosters from './rosters/endpoints';
import * as org from './org/endpoints';
import * as audit from './audit/endpoints';
import type { Endpoint } from './endpoint';

/** Every endpoint of the API, by area. The server mounts exactly these; OpenAPI and the permission table are built from them. */
export const api = {
  auth,
  menu,
  needs,
  resources,
  activities,
  projects,
  notifications,
  grids,
  whistles,
  stats,
  notices,
  hours,
  points,
  party,
  imports,
  teams,
  people,
  grants,
  rosters,
  org,
  audit,
} as const;

export const allEndpoints: Endpoint[] = Object.values(api).flatMap((area) =>
  Object.values(area as Record<string, Endpoint>),
);
