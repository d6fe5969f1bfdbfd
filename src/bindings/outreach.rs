//! Outreach and insights for JS: the same thin layer as the rest of the bindings (JSON-shaped
//! input through `JSON.stringify`, results through one `JSON.parse`, errors as JS `Error`s
//! naming the field), and their TypeScript types.

use super::{fail, input, output, Engine};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(typescript_type = "OutreachOptions")]
    pub type OutreachOptionsArg;
    #[wasm_bindgen(typescript_type = "Outreach[]")]
    pub type OutreachListOut;
    #[wasm_bindgen(typescript_type = "InsightsOptions")]
    pub type InsightsOptionsArg;
    #[wasm_bindgen(typescript_type = "Insights")]
    pub type InsightsOut;
}

#[wasm_bindgen]
impl Engine {
    /// The customers to contact at `now`, before they write: ranked, each with its reasons
    /// (points and the record each stands on; score = their sum), a channel and a filled
    /// proactive snippet. Customers with an open ticket are left out.
    pub fn outreach(&mut self, options: OutreachOptionsArg) -> Result<OutreachListOut, JsError> {
        self.core.settle(); // see `assess`
        let v = input(options.into(), "options")?;
        output(&self.core.outreach(&v).map_err(fail)?)
    }

    /// The local report for the period `[from, to)` seen at `now`: contact reasons bucketed,
    /// relational moments caught and missed, CSAT / repeat contacts / NPS by band and route.
    pub fn insights(&mut self, options: InsightsOptionsArg) -> Result<InsightsOut, JsError> {
        self.core.settle(); // see `assess`
        let v = input(options.into(), "options")?;
        output(&self.core.insights(&v).map_err(fail)?)
    }

    /// The same report as CSV text, one figure per row
    /// (`section,group,bucket,metric,value,n,pending,note`).
    #[wasm_bindgen(js_name = insightsCsv)]
    pub fn insights_csv(&mut self, options: InsightsOptionsArg) -> Result<String, JsError> {
        self.core.settle(); // see `assess`
        let v = input(options.into(), "options")?;
        Ok(crate::insights::to_csv(
            &self.core.insights(&v).map_err(fail)?,
        ))
    }
}
