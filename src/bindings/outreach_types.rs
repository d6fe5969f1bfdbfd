//! The TypeScript types of outreach, insights and the learning rows, in both builds' .d.ts:
//! the learning rows and the outreach weights belong to the ticket-side engine too (its
//! `exportLearning` and `config.weights`), the rest is harmless there and keeps one list.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** Outreach reasons: ids `Config.weights` may set (default points in brackets). */
export type OutreachSignalId =
  | "outreach.follow_up_due"   // (30) a follow-up an assessment advised is due, no contact since
  | "outreach.detractor"       // (30) NPS 0-6 in the last 90 days, no contact since
  | "outreach.low_csat"        // (25) CSAT 1-2 in the last 90 days, no contact since
  | "outreach.unchecked_close" // (20) a complaint or critical ticket closed 1-30 days ago, no check-in
  | "outreach.fix_check"       // (15) a repeat problem solved 1-14 days ago: did the fix hold?
  | "outreach.going_dark"      // (20) a valued customer's last order ≥ 3× their usual gap ago
  | "outreach.birthday"        // (10) within `within` days
  | "outreach.anniversary"     // (10) within `within` days
  | "outreach.milestone_order" // (10) their 10th, 25th, 50th… order in the last `within` days
  | "outreach.value";          // (10 × lifetime value / value.high) beside another reason, never alone

export interface OutreachOptions {
  /** The day to plan for (ISO string or epoch ms). The same `now` gives the same list. */
  now: IsoDate | number;
  /** How many customers, 1..1000 (default 20). */
  limit?: number;
  /** Days ahead for birthdays and anniversaries (and back for a milestone order), 0..60 (default 7). */
  within?: number;
  /** The agent's name, for the snippet's sign-off. */
  agent?: string;
  /** Also give the snippet as escaped HTML. */
  html?: boolean;
}

export interface OutreachReason extends Omit<Reason, "signal"> {
  signal: OutreachSignalId | "clamp";
}

export interface Outreach {
  /** `outreach:<customer id or email>`. Give it as `ticketId` to `feedback` when the snippet
   * is sent: the engine then counts the customer as contacted. */
  id: string;
  customer: { id: string | null; email: string | null; name: string | null };
  /** Exactly the sum of `reasons[].points`. */
  score: number;
  /** Largest first; `source` names the record (`ticket h10`, `NPS survey`, `order o7-4`). */
  reasons: OutreachReason[];
  channel: { channel: string; reason: string };
  /** The proactive snippet of the main reason, filled from the history. */
  snippet: FilledSnippet | null;
}

export interface InsightsOptions {
  /** The period `[from, to)`; it must end after it starts and start before `now`. */
  from: IsoDate | number;
  to: IsoDate | number;
  /** When the report is read: later records do not count, later windows are pending. */
  now: IsoDate | number;
}

/** A figure and the tickets it stands on. `value` is null when there is no data (`noData` says why), never 0. */
export interface Figure { value: number | null; n: number; pending: number; noData?: string }

export interface InsightsGroup<G extends string> {
  group: G;
  tickets: number;
  /** Mean CSAT 1..5: the ticket's own, else a CSAT survey within 30 days after it. */
  csat: Figure;
  /** Share 0..1 of tickets followed by another contact within 30 days (closed windows only). */
  repeatRate: Figure;
  /** NPS −100..100 (% promoters − % detractors) of the first answers within 90 days after. */
  nps: Figure;
}

export interface ReasonCount {
  id: string;
  bucket: IntentKind | "unclear";
  count: number;
  /** In the previous period of the same length. */
  previous: number;
  change: number;
  trend: "up" | "down" | "flat" | "new" | "gone";
  changePct?: number;
}

export interface Insights {
  period: { from: string; to: string; now: string; previousFrom: string; previousTo: string };
  contactReasons: {
    tickets: number;
    previousTickets: number;
    buckets: ReasonCount[];
    intents: ReasonCount[];
    topics: ReasonCount[];
    unread: number;
    noData?: string;
  };
  moments: {
    /** Tickets assessed relational or critical in the period. */
    assessed: number;
    caught: number;
    missed: number;
    groups: InsightsGroup<"caught" | "other" | "routine" | "none">[];
    timeline: { from: string; caught: number; other: number; routine: number; none: number }[];
    bucketDays: number;
    noData?: string;
  };
  byBand: InsightsGroup<Band>[];
  byRoute: InsightsGroup<"followed" | "notFollowed" | "noSnippet">[];
  /** What the report could not say, and why. */
  notes: string[];
}

/** What the engine saw, exported with the learning (rows with a `record`). */
export type SeenRow =
  | { record: "assessment"; ticketId: string; customerId?: string; customerEmail?: string; customerName?: string; at: IsoDate;
      score: number; band: Band; intent: string; intentKind: IntentKind; unsure?: boolean;
      followUpDays?: number; followUpReason?: string; closed?: boolean }
  | { record: "sent"; ticketId: string; snippetId: string; tone?: Tone; action: "inserted" | "edited"; at?: IsoDate }
  | { record: "contact"; customerId?: string; customerEmail?: string; at: IsoDate };

/** A row of `exportLearning`: a ranking tally, or something the engine saw. */
export type LearningRow = LearnedRow | SeenRow;
"#;
