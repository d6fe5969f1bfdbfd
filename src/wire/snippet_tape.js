// Reads the snippet tape the engine writes (layout: src/snippets/tape.rs) into plain objects,
// the same as JSON.parse would give, and sets `snippets` on each assessment. `nums` (a view of
// WASM memory, read before anything else runs) holds the counts, relevances and strings: a
// string is `dictionary[-n - 1]` for a negative n (ids, titles, fact names: the same JS
// string every time), else the span of `text` from where the previous one ended to n.
// Several times cheaper than parsing the snippets as JSON.
export function attach_snippets(target, text, nums, dictionary) {
  const list = Array.isArray(target) ? target : [target];
  let i = 0;
  let at = 0;
  const str = () => {
    const end = nums[i++];
    if (end < 0) return dictionary[-end - 1];
    const s = text.slice(at, end);
    at = end;
    return s;
  };
  for (const a of list) {
    if (a.error !== undefined) continue; // a queue's unreadable ticket: no snippets written
    const n = nums[i++];
    const out = [];
    for (let k = 0; k < n; k++) {
      const id = str(), category = str(), title = str(), tone = str(), relevance = nums[i++], body = str();
      const html = nums[i++] === 1 ? str() : undefined;
      const nf = nums[i++];
      const factsUsed = [];
      for (let j = 0; j < nf; j++) factsUsed.push({ fact: str(), value: str(), source: str() });
      const nm = nums[i++];
      const missingFacts = [];
      for (let j = 0; j < nm; j++) missingFacts.push(str());
      out.push(html === undefined
        ? { id, category, title, tone, relevance, text: body, factsUsed, missingFacts }
        : { id, category, title, tone, relevance, text: body, html, factsUsed, missingFacts });
    }
    a.snippets = out;
  }
  if (i !== nums.length) throw new Error(`snippet tape: read ${i} of ${nums.length} numbers`);
}
