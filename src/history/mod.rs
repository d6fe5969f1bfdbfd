//! Customer history: records (contract v1), the Store that matches them to customers, and the
//! facts an assessment reads from it.

pub mod csv_import;
pub mod facts;
pub mod json_import;
pub mod records;
pub mod store;

pub use facts::{facts, CustomerFacts};
pub use store::{LoadReport, Store};
