/**
 * The 311 request types the generator draws from: owning agency, division, major area,
 * topic, relative annual volume, season, source mix and resolution behaviour. Volumes and
 * medians are plausible guesses shaped after public descriptions of Denver's 311 data.
 */
import type { Season } from './seasonality';

/** Which neighborhood weights and weather effects a type follows. */
export type RequestGroup = 'info' | 'snow' | 'street' | 'traffic' | 'waste' | 'parks' | 'inspection' | 'health' | 'housing';

export interface RequestType {
  readonly type: string;
  readonly agency: string;
  readonly division: string;
  readonly majorArea: string;
  readonly topic: string;
  /** Relative annual volume (all shares sum to about 90). */
  readonly share: number;
  readonly group: RequestGroup;
  readonly season: Season;
  /** Chance the case is closed the second it is created (answered on the call). */
  readonly closedAtCreation: number;
  /** Median hours to close otherwise, and the log-normal spread. */
  readonly medianHours: number;
  readonly sigma: number;
  /** Chance the case is never closed. */
  readonly neverClosed: number;
  /** Closed cases end as `Transferred` rather than `Closed`. */
  readonly transfers: boolean;
  /** Short summaries a call taker writes for this type. */
  readonly summaries: readonly string[];
}

const DOTI = 'Department of Transportation & Infrastructure';
const DPHE = 'Public Health & Environment';
const CPD = 'Community Planning & Development';
const PARKS = 'Denver Parks & Recreation';
const D311 = 'Denver 311';

type Row = [string, string, string, string, string, number, RequestGroup, Season, number, number, number, number, string[]];

const ROWS: readonly Row[] = [
  ['General Information', D311, '311 Contact Center', 'Information', 'General Inquiry', 14, 'info', 'flat', 0.95, 0.4, 1, 0.01, ['General information request', 'Caller asked for city office hours', 'Question about city services', 'Directions to a city building']],
  ['Trash & Recycling Information', DOTI, 'Solid Waste Management', 'Trash & Recycling', 'Schedules & Guidelines', 5, 'info', 'flat', 0.93, 0.5, 1, 0.01, ['Trash day schedule question', 'Asked what goes in the purple cart', 'Holiday collection schedule', 'Recycling guidelines']],
  ['Motor Vehicle Information', 'Department of Finance', 'Motor Vehicle', 'Vehicle Registration', 'Registration & Titles', 4, 'info', 'flat', 0.94, 0.5, 1, 0.01, ['Registration renewal question', 'Title transfer requirements', 'Emissions test question', 'Plates and tags information']],
  ['Property Tax Information', 'Department of Finance', 'Treasury', 'Taxes', 'Payments', 2.5, 'info', 'spring', 0.92, 1, 1, 0.01, ['Property tax payment question', 'Asked about due date for taxes', 'Senior property tax relief', 'Tax bill not received']],
  ['Parking Ticket Information', DOTI, 'Parking Operations', 'Parking', 'Citations', 2.5, 'info', 'flat', 0.9, 1, 1, 0.01, ['How to pay a parking ticket', 'Dispute a parking citation', 'Booted vehicle release', 'Parking permit question']],
  ['Elections Information', 'Clerk & Recorder', 'Elections Division', 'Elections', 'Voting', 1, 'info', 'fall', 0.95, 0.5, 1, 0.01, ['Ballot not received', 'Polling center locations', 'Voter registration question', 'Drop box hours']],
  ['Human Services Information', 'Denver Human Services', 'Benefits', 'Assistance Programs', 'Food & Cash Assistance', 2, 'info', 'flat', 0.9, 2, 1, 0.01, ['SNAP benefits question', 'Energy assistance (LEAP) application', 'Case worker contact', 'Medicaid renewal question']],
  ['Outside Agency Transfer', D311, '311 Contact Center', 'Transfers', 'Outside Agency', 5, 'info', 'flat', 0.97, 0.2, 1, 0, ['Transferred to Xcel Energy', 'Transferred to RTD', 'Transferred to State of Colorado', 'Transferred to Denver Water', 'Transferred to non-emergency police']],
  ['Snow Removal - Street', DOTI, 'Street Maintenance', 'Snow & Ice', 'Residential Plow Request', 2.5, 'snow', 'winter', 0.05, 20, 0.9, 0.02, ['Street not plowed', 'Residential street needs plowing', 'Plow left a berm across driveway', 'Bus route not plowed']],
  ['Sidewalk Snow Complaint', DOTI, 'Right of Way Enforcement', 'Snow & Ice', 'Unshoveled Sidewalk', 2, 'snow', 'winter', 0.03, 60, 0.8, 0.03, ['Sidewalk not shoveled', 'Icy sidewalk in front of business', 'Vacant property sidewalk not cleared', 'Corner ramp blocked by snow']],
  ['Icy Street Conditions', DOTI, 'Street Maintenance', 'Snow & Ice', 'Deicer Request', 0.8, 'snow', 'winter', 0.04, 12, 1, 0.02, ['Ice on roadway', 'Intersection needs deicer', 'Black ice on hill', 'Ice ruts on residential street']],
  ['Pothole Repair', DOTI, 'Street Maintenance', 'Streets', 'Pothole', 4, 'street', 'spring', 0.02, 60, 1, 0.03, ['Pothole in traffic lane', 'Multiple potholes on block', 'Pothole near curb', 'Deep pothole damaging cars', 'Pothole in alley']],
  ['Street Sweeping', DOTI, 'Street Maintenance', 'Streets', 'Debris in Street', 1, 'street', 'growing', 0.03, 96, 0.9, 0.03, ['Gravel left in street', 'Debris in bike lane', 'Street needs sweeping', 'Glass in roadway']],
  ['Traffic Signal Malfunction', DOTI, 'Traffic Operations', 'Traffic Signals', 'Signal Out or Flashing', 1.5, 'traffic', 'flat', 0.03, 6, 1.1, 0.01, ['Signal flashing red', 'Signal out at intersection', 'Pedestrian button not working', 'Left turn arrow too short']],
  ['Damaged Traffic Sign', DOTI, 'Traffic Operations', 'Signs & Markings', 'Sign Down or Damaged', 1.2, 'traffic', 'flat', 0.03, 48, 1, 0.02, ['Stop sign knocked down', 'Sign faded or missing', 'Street name sign missing', 'Sign blocked by tree']],
  ['Streetlight Outage', DOTI, 'Traffic Operations', 'Streetlights', 'Streetlight Out', 1.5, 'street', 'dark', 0.1, 240, 1, 0.04, ['Streetlight out', 'Streetlight flickering', 'Several lights out on block', 'Light on during the day']],
  ['Abandoned Vehicle', DOTI, 'Right of Way Enforcement', 'Parking', 'Abandoned Vehicle', 3.5, 'traffic', 'flat', 0.03, 240, 0.8, 0.04, ['Vehicle parked over 72 hours', 'Abandoned car with flat tires', 'Trailer stored on street', 'Car with expired plates not moved']],
  ['Parking Violation', DOTI, 'Parking Operations', 'Parking', 'Illegal Parking', 3, 'traffic', 'flat', 0.1, 3, 1.1, 0.02, ['Car blocking driveway', 'Parked in no parking zone', 'Vehicle blocking alley', 'Parked on sidewalk']],
  ['Traffic Safety Concern', DOTI, 'Transportation Planning', 'Traffic Safety', 'Traffic Calming Request', 0.8, 'traffic', 'flat', 0.05, 500, 1, 0.1, ['Speeding on residential street', 'Request for speed humps', 'Crosswalk needed', 'Dangerous intersection']],
  ['Missed Trash Pickup', DOTI, 'Solid Waste Management', 'Trash & Recycling', 'Missed Trash', 5.5, 'waste', 'flat', 0.04, 28, 0.8, 0.02, ['Trash not collected', 'Alley trash missed', 'Cart skipped on collection day', 'Trash missed again this week']],
  ['Missed Recycling Pickup', DOTI, 'Solid Waste Management', 'Trash & Recycling', 'Missed Recycling', 2.5, 'waste', 'flat', 0.04, 40, 0.8, 0.02, ['Recycling not collected', 'Purple cart skipped', 'Recycling missed on block']],
  ['Large Item Pickup', DOTI, 'Solid Waste Management', 'Trash & Recycling', 'Large Item Collection', 3, 'waste', 'growing', 0.08, 200, 0.7, 0.02, ['Schedule large item pickup', 'Couch and mattress pickup', 'Extra trash collection request']],
  ['Compost Cart Request', DOTI, 'Solid Waste Management', 'Trash & Recycling', 'Compost', 1, 'waste', 'spring', 0.05, 300, 0.7, 0.03, ['New compost cart', 'Compost subscription question', 'Compost cart damaged']],
  ['Cart Replacement', DOTI, 'Solid Waste Management', 'Trash & Recycling', 'Cart Repair', 2, 'waste', 'flat', 0.05, 150, 0.8, 0.03, ['Trash cart lid broken', 'Cart stolen', 'Wheel broken on cart', 'Need a smaller cart']],
  ['Illegal Dumping', DOTI, 'Solid Waste Management', 'Illegal Dumping', 'Dumping in Alley', 2, 'waste', 'summer', 0.03, 96, 0.9, 0.03, ['Mattress dumped in alley', 'Tires dumped', 'Construction debris dumped', 'Furniture left on curb']],
  ['Graffiti Removal', DOTI, 'Solid Waste Management', 'Graffiti', 'Graffiti Removal', 2, 'waste', 'flat', 0.03, 72, 1, 0.03, ['Graffiti on garage', 'Graffiti on fence', 'Tagging on utility box', 'Graffiti on retaining wall']],
  ['Weeds & Vegetation', CPD, 'Neighborhood Inspection Services', 'Neighborhood Inspection', 'Weeds', 2.5, 'inspection', 'summer', 0.02, 400, 0.8, 0.05, ['Tall weeds on property', 'Overgrown vegetation over sidewalk', 'Vacant lot weeds', 'Bushes blocking alley']],
  ['Park Maintenance', PARKS, 'Park Operations', 'Parks', 'Mowing & Maintenance', 1.5, 'parks', 'summer', 0.03, 150, 0.9, 0.04, ['Park grass needs mowing', 'Broken sprinkler in park', 'Restroom needs cleaning', 'Playground equipment broken']],
  ['Tree Issue', PARKS, 'Forestry', 'Trees', 'Tree Down or Damaged', 1.5, 'parks', 'growing', 0.03, 300, 1, 0.05, ['Tree limb down', 'Tree blocking streetlight', 'Dead tree in right of way', 'Stump removal request']],
  ['Zoning Violation', CPD, 'Neighborhood Inspection Services', 'Zoning', 'Zoning Complaint', 1.2, 'inspection', 'flat', 0.02, 500, 1, 0.08, ['Business operating from home', 'Too many vehicles on lot', 'Unpermitted construction', 'Short-term rental complaint']],
  ['Noise Complaint', DPHE, 'Environmental Quality', 'Noise', 'Noise Complaint', 1.5, 'health', 'summer', 0.04, 72, 1, 0.05, ['Loud music at night', 'Construction noise early morning', 'Leaf blower noise', 'Loud exhaust']],
  ['Animal Complaint', DPHE, 'Denver Animal Protection', 'Animals', 'Animal Complaint', 1.5, 'health', 'summer', 0.04, 48, 1, 0.03, ['Barking dog', 'Dog off leash', 'Dog left in hot car', 'Loose chickens']],
  ['Dead Animal Pickup', DPHE, 'Denver Animal Protection', 'Animals', 'Dead Animal', 0.8, 'health', 'summer', 0.03, 10, 1, 0.02, ['Dead animal in street', 'Dead raccoon in alley', 'Dead bird in yard']],
  ['Food Safety Complaint', DPHE, 'Food Safety', 'Food Safety', 'Restaurant Complaint', 0.5, 'health', 'flat', 0.02, 120, 1, 0.04, ['Unsanitary conditions at restaurant', 'Food poisoning report', 'Pests seen in kitchen']],
  ['Encampment Report', 'Department of Housing Stability', 'Street Outreach', 'Homelessness', 'Encampment', 2.5, 'housing', 'flat', 0.03, 170, 1, 0.08, ['Encampment on sidewalk', 'Tent in park', 'Encampment blocking alley', 'Outreach requested']],
  ['Sidewalk Damage', DOTI, 'Right of Way Services', 'Sidewalks', 'Sidewalk Repair', 0.8, 'street', 'flat', 0.02, 700, 1.2, 0.12, ['Sidewalk trip hazard', 'Broken sidewalk panel', 'Curb ramp damaged']],
  ['Storm Drain & Flooding', DOTI, 'Wastewater Management', 'Storm Drainage', 'Clogged Inlet', 0.8, 'street', 'growing', 0.03, 48, 1, 0.03, ['Storm drain clogged', 'Street flooding', 'Standing water at corner', 'Manhole cover missing']],
];

export const REQUEST_TYPES: readonly RequestType[] = ROWS.map((r) => ({
  type: r[0], agency: r[1], division: r[2], majorArea: r[3], topic: r[4], share: r[5], group: r[6], season: r[7],
  closedAtCreation: r[8], medianHours: r[9], sigma: r[10], neverClosed: r[11], transfers: r[0] === 'Outside Agency Transfer', summaries: r[12],
}));

/** Groups whose neighborhood volume follows the street/traffic weights (see neighborhood-weights). */
export function usesStreetWeights(group: RequestGroup): boolean {
  return group === 'snow' || group === 'street' || group === 'traffic';
}

/** Case sources with their weights, for information calls and for field requests. */
export const SOURCES = {
  info: [['Phone', 0.85], ['Web', 0.05], ['Email', 0.04], ['Walk-in', 0.03], ['Chat', 0.02], ['Mobile App', 0.01]],
  field: [['Phone', 0.42], ['Web', 0.25], ['Mobile App', 0.25], ['Email', 0.04], ['Chat', 0.02], ['Walk-in', 0.01], ['Social Media', 0.01]],
} as const satisfies Record<string, readonly (readonly [string, number])[]>;
