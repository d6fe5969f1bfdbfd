//! TypeScript types of the public API, emitted into the package's `.d.ts`. They describe the
//! plain objects the binding layer accepts and returns; keep them in step with the core's
//! serde shapes (tests/ts/usage.ts type-checks a full use of them with `tsc --strict`).

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** An ISO-8601 date ("2026-11-23") or date-time ("2026-11-23T09:00:00Z", "+01:00" offsets). */
export type IsoDate = string;

export type Band = "transactional" | "relational" | "critical";
export type Route = "resolve-fast" | "personal-touch" | "steward";
export type IntentKind = "transactional" | "relational";

/** Signal ids that `Config.weights` may set and `Reason.signal` carries. */
export type SignalId =
  | "intent.relational" | "intent.transactional"
  | "sentiment.negative" | "sentiment.positive"
  | "emotion.frustration" | "emotion.distress" | "emotion.confusion" | "emotion.urgency" | "emotion.gratitude"
  | "cue.mistake" | "cue.churn" | "cue.effort" | "cue.praise" | "cue.loyalty" | "cue.life_event"
  | "thread.unanswered" | "ticket.time_open"
  | "history.tenure" | "history.value" | "history.orders" | "history.tier" | "history.csat_low"
  | "history.nps_detractor" | "history.nps_promoter" | "history.nps_drop"
  | "history.recent_contacts" | "history.repeat_topic" | "history.broken_promise"
  | "moment.birthday" | "moment.anniversary" | "moment.milestone_order"
  | "combo.mistake_valued" | "combo.churn_valued" | "customer.unknown";

export type CueName = "mistake" | "churn" | "effort" | "praise" | "loyalty" | "celebration" | "loss" | "life_event";
export type EmotionName = "frustration" | "distress" | "confusion" | "urgency" | "gratitude";

/**
 * Engine configuration; every field is optional and defaults are built in. Patterns use the
 * phrase syntax of the built-in lexicons: `a|b` alternatives, `word*` prefixes, `two_words`
 * in a row, `~N` up to N words between elements, `@0.5` a weight.
 */
export interface Config {
  /** Points a signal contributes at full strength (−100..100). */
  weights?: Partial<Record<SignalId | OutreachSignalId, number>>;
  /** Score from which a ticket is relational and critical. The defaults are fitted on the
   * labelled corpus (data/score_fit.json: relational from 16, critical from 75); `amplifyAt`:
   * the points of moment at which customer weight counts in full (fitted: 45). */
  bands?: { relational?: number; critical?: number; amplifyAt?: number };
  value?: {
    /** Lifetime value that earns the value signal's full points (fitted: 9000); the signal shows from a quarter of it. */
    high?: number;
    /** Tier name → share 0..1 of the tier signal's points; replaces the default tiers. */
    tiers?: Record<string, number>;
  };
  /** Change an intent's kind, or add an intent recognised by its patterns. */
  intents?: { id: string; kind: IntentKind; patterns?: string[] }[];
  lexicons?: {
    /** Word or emoticon → valence −4..4, added to the VADER lexicon. */
    sentiment?: Record<string, number>;
    /** Cue → patterns; `not.<cue>` → look-alikes said outright ("not cancelling, just
     * asking"): one drops that cue in the whole thread, patterns and learned model alike;
     * `plain.<cue>` → plain requests the learned model misreads as the cue ("a copy of the
     * invoice"): one keeps the model from finding it alone in its message. */
    cues?: Partial<Record<CueName | `not.${CueName}` | `plain.${CueName}`, string[]>>;
    emotions?: Partial<Record<EmotionName | `not.${EmotionName}` | `plain.${EmotionName}`, string[]>>;
    /** Topic name → patterns, used to recognise a repeat of the same problem. */
    topics?: Record<string, string[]>;
  };
}

export interface Message {
  /** "note" is an internal note: never read as the customer's words. */
  from: "customer" | "agent" | "note";
  at?: IsoDate;
  text: string;
}

export interface Ticket {
  id: string | number;
  subject?: string;
  channel?: string;
  createdAt?: IsoDate;
  status?: string;
  /** Matched to history by id, then by email (trimmed, case-insensitive). `{}` if unknown. */
  customer: { id?: string | number; email?: string; name?: string };
  messages: Message[];
}

/** A record's owner: `customerId` or `customerEmail` (or both). */
export interface CustomerLink { customerId?: string | number; customerEmail?: string }

export interface CustomerRecord {
  id?: string | number;
  email?: string;
  name?: string;
  since?: IsoDate;
  birthday?: IsoDate;
  tier?: string;
  lifetimeValue?: number;
}

export interface TicketRecord extends CustomerLink {
  id: string | number;
  createdAt: IsoDate;
  solvedAt?: IsoDate;
  channel?: string;
  subject?: string;
  /** 1..5 */
  csat?: number;
  tags?: string[];
  /** Length of the conversation, for the channel preference. */
  durationSeconds?: number;
}

export interface OrderRecord extends CustomerLink {
  id: string | number;
  at: IsoDate;
  total?: number;
  currency?: string;
  items?: string[];
  status?: string;
}

export interface SurveyRecord extends CustomerLink {
  at: IsoDate;
  kind: "nps" | "csat";
  /** NPS 0..10, CSAT 1..5 */
  score: number;
}

export interface History {
  customers?: CustomerRecord[];
  tickets?: TicketRecord[];
  orders?: OrderRecord[];
  surveys?: SurveyRecord[];
}

export interface RecordCounts { customers: number; tickets: number; orders: number; surveys: number }

export interface RejectedRecord {
  kind: "customers" | "tickets" | "orders" | "surveys" | "learning";
  /** Index in the input array, or for `importCsv` the line of the file the row starts on. */
  index: number;
  /** The field at fault, e.g. "tickets[4].createdAt"; for `importCsv` the column's header. */
  field: string;
  reason: string;
}

export interface LoadReport {
  added: RecordCounts;
  updated: RecordCounts;
  rejected: RejectedRecord[];
  customersFromRecords: number;
  /** Identities resolved on the way: one email on two customer ids, a changed email, and (once
   * per id) a record whose customer id is unknown, filed by its email under a customer with
   * another id: one person in two systems, or two people sharing one inbox. 50 lines at most,
   * then "… and more, not listed"; a control character in an id shows as U+FFFD. A
   * customer known by email alone takes the first id a record gives it. Load customers before
   * their records (`loadHistory` reads an object's `customers` first): a record read before its
   * own customer in a text or file is filed by email and stays there; the load that brings
   * its customer says so ("customer 9501 came after its records, …: load them again"), and
   * loading those records again moves each ticket and order to its own customer. An unknown
   * id is said by the load that first files it, not again. */
  conflicts: string[];
  totals: RecordCounts;
}

export type HistoryStats = RecordCounts;

/** For `importCsv`: contract field → the column's header in the file, for columns whose
 * names are not the usual ones (e.g. `{ createdAt: "Opened on", customerEmail: "Requester" }`). */
export type CsvMapping = Record<string, string>;
export type CsvKind = "customers" | "tickets" | "orders" | "surveys";

export interface AssessOptions {
  /** The moment to assess at (ISO string or epoch ms); default: the current time. */
  now?: IsoDate | number;
  /** The agent's name, for snippets that sign off or introduce the agent. */
  agent?: string;
  /** How many snippets to fill, 0..50 (default 5). */
  snippets?: number;
  /** Also give each snippet as escaped HTML (`html`); off by default. */
  html?: boolean;
}

export type Tone = "concise" | "personal" | "ownership";
export type Moment =
  | "birthday" | "anniversary" | "milestone_order" | "repeat_topic" | "unhappy_last_time" | "long_tenure"
  | "new_customer" | "unknown_customer" | "recent_contacts" | "high_value" | "promoter" | "detractor";

/**
 * A snippet for `loadSnippets`. `body` is a template: `{{ customer.first_name | default: "there" }}`,
 * filters `default`, `capitalize`, `upcase`, `downcase`, `date: "long"|"short"|"iso"|"day_month"`,
 * `plural: "year", "years"`, `join: ", "`, `round`; `{% if customer.tier == "gold" %}…{% elsif … %}…{% else %}…{% endif %}`.
 */
export interface SnippetSpec {
  id: string;
  category?: string;
  title?: string;
  tone?: Tone;
  /** The situations it fits; an empty or absent list means any. */
  fits?: { bands?: Band[]; intents?: string[]; kinds?: IntentKind[]; cues?: CueName[]; emotions?: EmotionName[]; moments?: Moment[] };
  /** Facts without which it is demoted and flagged. */
  requires?: string[];
  body: string;
}

export interface MacroImport {
  format: "zendesk" | "helpscout" | "zammad" | "osticket" | "chatwoot";
  macros: { id: string; title?: string; body: string; category?: string; tone?: Tone; fits?: SnippetSpec["fits"] }[];
  /** Replace the whole library instead of adding to it. */
  replace?: boolean;
}

export interface LibraryReport {
  total: number;
  added: string[];
  replaced: string[];
  /** Macro placeholders that could not be mapped onto Rapport's facts (they were left out). */
  unmapped: { snippetId: string; placeholder: string }[];
  /** Macros `importMacros` left out, each with where and why; the others were imported.
   * Always empty from `loadSnippets`, which takes a library whole or not at all. */
  rejected: { kind: 'macros'; index: number; field: string; reason: string }[];
}

export interface SnippetInfo {
  id: string;
  category: string;
  title: string;
  tone: Tone;
  /** The kind of first reply it is; absent for a team snippet that does not say. */
  reply?: ReplyKind;
  body: string;
}

/** What `importLearning` read: the rows kept, and each row left out ("learning[3].band")
 * with why. When every row is left out, what was learned stays as it was. */
export interface LearningImport {
  imported: number;
  rejected: RejectedRecord[];
}

export interface LearnedRow {
  situation: string;
  snippetId: string;
  inserted: number;
  edited: number;
  dismissed: number;
  editShareSum: number;
}

export interface FilledSnippet {
  id: string;
  category: string;
  title: string;
  tone: Tone;
  /** 0..1, learning included. */
  relevance: number;
  /** Plain text for the reply box. */
  text: string;
  /** The same text HTML-escaped, line breaks as <br>; present when asked for with `{ html: true }`. */
  html?: string;
  factsUsed: { fact: string; value: string; source: string }[];
  missingFacts: string[];
}

export interface Sentiment { compound: number; pos: number; neg: number; neu: number }
export interface Emotions { frustration: number; distress: number; confusion: number; urgency: number; gratitude: number }
/** Cue strengths 0..1. `celebration` and `loss` are the two kinds of life event; `lifeEvent` is the stronger. */
export interface Cues { mistake: number; churn: number; effort: number; praise: number; loyalty: number; celebration: number; loss: number; lifeEvent: number }
export interface Intent {
  id: string;
  kind: IntentKind;
  confidence: number;
  /** The next most likely intents (up to three, each at least 5%). */
  alternatives: { id: string; confidence: number }[];
  /** The intent model is not sure of `id`: no points are given for it. */
  unsure: boolean;
}

/** Words that carried a cue or emotion; offsets are UTF-16 indices into `messages[message].text`. */
/** `learned`: found by the learned model (these words carried it), not by a phrase pattern. */
export interface Match { signal: string; text: string; message: number; start: number; end: number; learned?: boolean }

export interface TextSignals {
  sentiment: Sentiment;
  emotions: Emotions;
  intent: Intent;
  cues: Cues;
  matches: Match[];
  /** Probability (0..1, learned model) that the words are a simple request with nothing at risk. */
  routine: number;
}

export interface Span { message: number; start: number; end: number }

export interface Reason {
  signal: SignalId | "clamp";
  label: string;
  points: number;
  /** The quoted words, or the history fact. */
  evidence: string;
  spans: Span[];
  /** The history record the fact comes from, e.g. "ticket h2". */
  source?: string;
}

export interface PastTicket { id: string; subject: string | null; createdAt: string; solvedAt: string | null; csat: number | null }
export interface Rating { score: number; source: string; date: string }
export interface ChannelStat { channel: string; contacts: number; meanCsat: number | null; meanDurationSeconds: number | null }

export interface CustomerFacts {
  known: boolean;
  customerId: string | null;
  name: string | null;
  tier: string | null;
  tenureDays: number | null;
  since: string | null;
  lifetimeValue: number | null;
  lifetimeValueFromOrders: boolean;
  orderCount: number;
  lastOrder: { id: string; date: string; items: string[]; total: number | null; currency: string | null } | null;
  lastCsat: Rating | null;
  nps: Rating | null;
  npsPrevious: number | null;
  previousTicket: PastTicket | null;
  /** Past tickets opened in the 30 days before `now`, newest first: the latest 20 at most. */
  contacts30d: PastTicket[];
  /** How many past tickets were opened in those 30 days: all of them, listed or not. */
  contacts30dCount: number;
  /** Past tickets of the last 180 days on the same problem, newest first: the latest 20 at most. */
  sameTopic: PastTicket[];
  /** How many past tickets of those 180 days are on the same problem: all of them. */
  sameTopicCount: number;
  birthdayInDays: number | null;
  anniversaryInDays: number | null;
  anniversaryYears: number | null;
  milestoneOrder: number | null;
  channels: ChannelStat[];
}

/** The kind of reply a good agent sends first (also a library snippet's `reply`). */
export type ReplyKind =
  | "plain_answer" | "apology_makegood" | "ownership" | "churn_save" | "thanks_praise"
  | "celebration" | "condolence" | "reassure_distress" | "complaint_acknowledge" | "human_handoff";

export interface Assessment {
  ticketId: string;
  /** 0..100: exactly the sum of `reasons[].points`. */
  score: number;
  band: Band;
  route: Route;
  /** The kind of reply to send first; the top snippet is of this kind when one fits. */
  reply: ReplyKind;
  /** How sure the band is: the score's margin to the band edges, the intent's certainty, and
   * whether the band rests on what the learned model alone read. */
  confidence: "high" | "medium" | "low";
  /** What made it less than sure: the score near an edge (within 10 points one step down,
   * within 5 two), an unsure intent, a band resting on the model's reading; empty when high. */
  doubts: Doubt[];
  /** Largest contributions first. */
  reasons: Reason[];
  intent: Intent;
  sentiment: Sentiment;
  emotions: Emotions;
  cues: Cues;
  matches: Match[];
  customer: CustomerFacts;
  channel: { channel: string; reason: string };
  followUp: { inDays: number; reason: string } | null;
  /** Reply snippets ranked for this ticket, filled from the history. */
  snippets: FilledSnippet[];
  /** What of the ticket was not read whole (a text cut, old messages left out), in words an
   * agent understands; absent when everything was read. */
  truncated?: string[];
}

/** One thing that made a call less than sure (`Assessment.doubts`). */
export type Doubt =
  /** The score is `points` from the line where `band` starts: on or above it when 0 or more. */
  | { kind: "near_edge"; band: "relational" | "critical"; points: number }
  /** The intent was not read with confidence. */
  | { kind: "intent_unsure" }
  /** Without what the learned model alone read or raised, the ticket would be in `band`;
   * `signals` (as in `Reason.signal`) are the findings whose own points moved (all it took
   * away, when none did). */
  | { kind: "model_alone"; signals: string[]; band: Band };

/** In `assessQueue`'s result, in place of a ticket that could not be assessed. */
export interface QueueError {
  /** The ticket's index in the input. */
  index: number;
  ticketId: string | null;
  /** What is wrong, with the field named (`tickets[3].messages: …`). */
  error: string;
}

export interface FeedbackEvent {
  ticketId: string | number;
  /** Whose ticket (as on the ticket given to `assess`): tells two desks' #1001 apart. Without
   * it the feedback is about the ticket of that number whose snippets were offered last. A
   * customer naming neither id nor email is no customer. */
  customer?: { id?: string | number; email?: string; name?: string };
  snippetId: string | number;
  action: "inserted" | "edited" | "dismissed";
  at?: IsoDate;
  /** For "edited": the text the agent sent. */
  text?: string;
  agent?: string;
}

export interface FeedbackReceipt { recorded: number }
"#;
