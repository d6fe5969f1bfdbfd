#!/usr/bin/env python3
"""Shape-only check of blind scenario rows: fields, enumerations, one customer per history.
Usage: python3 validate.py FILE.jsonl ... (the writers ran it from /tmp/blind8/, where they worked) (prints problems, and counts per band)"""
import json, sys, re, collections
BANDS = {"transactional", "relational", "critical"}
CITES = {"mistake","churn","effort","praise","loyalty","celebration","loss","distress","frustration",
 "repeat_topic","recent_contacts","csat_low","nps_detractor","nps_drop","value","tenure","unanswered",
 "birthday","anniversary","milestone_order","broken_promise"}
KINDS = {"plain_answer","apology_makegood","ownership","churn_save","thanks_praise","celebration",
 "condolence","reassure_distress","complaint_acknowledge","human_handoff"}
TS = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
bad = 0; bands = collections.Counter(); pairs = collections.Counter(); ids = {}
def err(where, msg):
    global bad; bad += 1; print(f"{where}: {msg}")
for f in sys.argv[1:]:
    for n, line in enumerate(open(f), 1):
        w = f"{f}:{n}"
        if not line.strip(): err(w, "blank line"); continue
        try: d = json.loads(line)
        except Exception as e: err(w, f"not JSON: {e}"); continue
        for k in ["id","domain","now","ticket","history","expected","pair","pair_kind","rationale"]:
            if k not in d: err(w, f"missing {k}")
        if d.get("id") in ids: err(w, f"duplicate id {d.get('id')}")
        ids[d.get("id")] = d
        if not TS.match(str(d.get("now",""))): err(w, "now not YYYY-MM-DDTHH:MM:SSZ")
        t = d.get("ticket", {})
        for k in ["id","subject","channel","createdAt","status","customer","messages"]:
            if k not in t: err(w, f"ticket missing {k}")
        c = t.get("customer", {})
        if not c.get("id"): err(w, "ticket.customer.id missing")
        ms = t.get("messages", [])
        if not ms or not any(m.get("from") == "customer" for m in ms): err(w, "no customer message")
        for m in ms:
            if m.get("from") not in ("customer", "agent"): err(w, "message from must be customer|agent")
            if not TS.match(str(m.get("at",""))): err(w, "message at not a timestamp")
            if not isinstance(m.get("text"), str) or not m["text"].strip(): err(w, "empty message text")
            if m.get("at","") > d.get("now",""): err(w, "message after now")
        h = d.get("history", {})
        cs = h.get("customers", [])
        if len(cs) != 1: err(w, "history.customers must hold exactly one customer")
        elif cs[0].get("id") != c.get("id"): err(w, "history customer id differs from ticket customer id")
        for k in ["tickets","orders","surveys"]:
            if not isinstance(h.get(k, []), list): err(w, f"history.{k} must be a list")
            for r in h.get(k, []):
                if r.get("customerId") != c.get("id"): err(w, f"history.{k} row of another customer")
        for s in h.get("surveys", []):
            if s.get("kind") not in ("csat","nps"): err(w, "survey kind csat|nps")
        e = d.get("expected", {})
        if e.get("band") not in BANDS: err(w, f"band {e.get('band')}")
        if e.get("snippet_kind") not in KINDS: err(w, f"snippet_kind {e.get('snippet_kind')}")
        for x in e.get("must_cite", []):
            if x not in CITES: err(w, f"must_cite {x}")
        if d.get("pair_kind") not in (None, "same_text", "same_history"): err(w, "pair_kind")
        bands[e.get("band")] += 1; pairs[d.get("pair_kind")] += 1
for i, d in ids.items():
    p = d.get("pair")
    if p and p not in ids: print(f"{i}: pair {p} not in these files"); bad += 1
print(f"{len(ids)} rows, {bad} problems; bands {dict(bands)}; pair kinds {dict(pairs)}")
