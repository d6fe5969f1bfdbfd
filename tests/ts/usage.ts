// A full use of the public API, type-checked with `tsc --noEmit --strict` against the packed
// package's rapport.d.ts. The @ts-expect-error lines prove the types are precise: each must be
// an error, or tsc fails.
import init, { Engine } from "rapport";
import { Engine as FullEngine } from "rapport/insights";
import type { Assessment, Band, Config, CueName, CsvKind, Doubt, FilledSnippet, History, Insights, LearnedRow, LearningImport, LearningRow, LibraryReport, Outreach, LoadReport, QueueError, Reason, SnippetSpec, Ticket, TextSignals } from "rapport";

export async function demo(): Promise<number> {
  await init(); // browsers; in Node the package initialises itself
  const config: Config = { weights: { "cue.churn": 30 }, bands: { relational: 30, critical: 70 }, value: { high: 1500 } };
  const engine = new Engine(config);
  const history: History = {
    customers: [{ id: "c1", email: "ana@example.com", since: "2019-03-02", tier: "gold", lifetimeValue: 5400 }],
    tickets: [{ id: "h1", customerId: "c1", createdAt: "2026-11-02", csat: 1, channel: "email" }],
    orders: [{ id: "o1", customerEmail: "ana@example.com", at: "2026-10-28", total: 180, items: ["Espresso machine"] }],
    surveys: [{ customerId: "c1", at: "2026-11-14", kind: "nps", score: 3 }],
  };
  const report: LoadReport = engine.loadHistory(history);
  const fromCsv: LoadReport = engine.importCsv("tickets", "id,email,created\n", { createdAt: "created" });
  const kind: CsvKind = "orders";
  const progress: number = engine.importCsvChunk("orders", "id,email,date\n");
  const rejectedSoFar: number = engine.importRejected();
  void rejectedSoFar;
  // every cue family the engine knows (src/text/mod.rs CUES) is a name a config or a snippet may use
  const cueNames: CueName[] = ["mistake", "churn", "effort", "praise", "loyalty", "celebration", "loss", "life_event"];
  const lexicons: Config = { lexicons: { cues: { celebration: ["got engaged"], loss: ["passed away last week"], "not.churn": ["insurance ~2 on ~2 my ~1 phone"] }, emotions: { "not.distress": ["panic ~1 button"] } } };
  void cueNames; void lexicons;
  const finished: LoadReport = engine.finishCsv();
  const fromText: LoadReport = engine.loadHistoryText("{}");
  const read: number = engine.loadHistoryChunk("{}");
  const loaded: LoadReport = engine.finishHistory();
  void read; void loaded;
  void fromCsv; void kind; void progress; void finished; void fromText;
  const rejectedFields: string[] = report.rejected.map((r) => r.field);

  const ticket: Ticket = {
    id: "T-1",
    customer: { email: "ana@example.com" },
    messages: [{ from: "customer", text: "Charged twice again!", at: "2026-11-23T09:00:00Z" }, { from: "note", text: "VIP" }],
  };
  const a: Assessment = engine.assess(ticket, { now: "2026-11-23T12:00:00Z" });
  const band: Band = a.band;
  const top: Reason | undefined = a.reasons[0];
  const days: number | undefined = a.followUp?.inDays;
  const quoted: string[] = a.reasons.flatMap((r) => r.spans.map((s) => ticket.messages[s.message].text.slice(s.start, s.end)));
  const queue: (Assessment | QueueError)[] = engine.assessQueue([ticket], { now: Date.now() });
  const scored: Assessment[] = queue.filter((x): x is Assessment => !("error" in x));
  const unread: string[] = queue.flatMap((x) => ("error" in x ? [`${x.index}: ${x.error}`] : []));
  const confidence: "high" | "medium" | "low" = a.confidence;
  // a doubt's fields follow its kind
  const doubts: string[] = a.doubts.map((d: Doubt) =>
    d.kind === "near_edge" ? `${d.points} from ${d.band}` : d.kind === "model_alone" ? `${d.signals.join(", ")}: ${d.band}` : "intent");
  const t: TextSignals = engine.analyzeText("Thanks so much!");
  const many: TextSignals[] = engine.analyzeTexts(["a", "b"]);
  const compounds: Float64Array = engine.sentiments(["a", "b"]);
  const receipt = engine.feedback({ ticketId: "T-1", snippetId: "apology", action: "inserted" });
  const lastCsat: number | undefined = a.customer.lastCsat?.score;
  // the lists hold the latest 20; the counts are of all
  const contacts: string = `${a.customer.contacts30dCount} contacts in 30 days (the ${a.customer.contacts30d.length} latest listed), ${a.customer.sameTopicCount} on the same problem`;
  const best: FilledSnippet | undefined = engine.assess(ticket, { now: "2026-11-23", agent: "Maya", snippets: 3 }).snippets[0];
  const spec: SnippetSpec = { id: "x", tone: "concise", fits: { bands: ["transactional"], moments: ["birthday"] }, body: "Hi {{ customer.first_name }}" };
  const lib: LibraryReport = engine.loadSnippets([spec], { replace: false });
  const imported: LibraryReport = engine.importMacros({ format: "zammad", macros: [{ id: "z", body: "Hi #{ticket.customer.firstname}" }] });
  const rows: LearningRow[] = engine.exportLearning();
  const tallies: LearnedRow[] = rows.flatMap((r) => ("record" in r ? [] : [r]));
  const followUps: number[] = rows.flatMap((r) => ("record" in r && r.record === "assessment" && r.followUpDays !== undefined ? [r.followUpDays] : []));
  const back: LearningImport = engine.importLearning(rows);
  const leftOut: string[] = back.rejected.map((r) => `${r.field}: ${r.reason}`);
  // outreach and insights: the reporting pages' engine (rapport/insights), fed the agent's rows
  const full = new FullEngine();
  full.importLearning(rows);
  // @ts-expect-error: the ticket-side engine has no outreach
  engine.outreach({ now: "2026-11-23" });
  const today: Outreach[] = full.outreach({ now: "2026-11-23", limit: 10, within: 7, agent: "Maya" });
  const why: string[] = today.flatMap((o) => o.reasons.map((r) => `${r.signal} +${r.points}: ${r.evidence}`));
  const first: string | undefined = today[0]?.snippet?.text;
  const insights: Insights = full.insights({ from: "2026-10-01", to: "2026-11-01", now: Date.now() });
  const caughtCsat: number | null = insights.moments.groups[0].csat.value;
  const bucket: "transactional" | "relational" | "unclear" = insights.contactReasons.buckets[0].bucket;
  const csv: string = full.insightsCsv({ from: "2026-10-01", to: "2026-11-01", now: "2026-11-23" });
  const outreachConfig: Config = { weights: { "outreach.birthday": 20, "cue.churn": 30 } };
  // @ts-expect-error: outreach needs now
  full.outreach({ limit: 5 });
  // @ts-expect-error: insights needs a period
  full.insights({ now: "2026-11-23" });
  void [tallies, followUps, why, first, caughtCsat, bucket, csv, outreachConfig];
  engine.resetLearning();

  // @ts-expect-error: a band is one of three words
  const wrongBand: Band = "urgent";
  // @ts-expect-error: weights only name known signals
  const wrongConfig: Config = { weights: { "cue.nonsense": 3 } };
  // @ts-expect-error: a message comes from a customer, an agent or a note
  const wrongTicket: Ticket = { id: 1, customer: {}, messages: [{ from: "bot", text: "hi" }] };
  // @ts-expect-error: macro formats are the five supported desks
  engine.importMacros({ format: "freshdesk", macros: [] });
  // @ts-expect-error: feedback actions are fixed
  engine.feedback({ ticketId: 1, snippetId: 2, action: "liked" });

  void [rejectedFields, band, top, days, quoted, queue, t, many, compounds, lastCsat, contacts, best, lib, imported, wrongBand, wrongConfig, wrongTicket];
  return receipt.recorded + a.score + (a.intent.kind === "relational" ? 1 : 0) + t.cues.lifeEvent;
}
