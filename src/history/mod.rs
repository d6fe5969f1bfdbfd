//! Customer history: records (contract v1), the Store that matches them to customers, and the
//! facts an assessment reads from it.

mod csv_columns;
pub mod csv_import;
pub mod facts;
pub mod json_import;
pub mod record_index;
pub mod records;
pub mod store;

pub use facts::{facts, CustomerFacts};
pub use store::{LoadReport, Store};

/// The four lists of a history, as the contract and the CSV imports name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RecordKind {
    #[default]
    Customers,
    Tickets,
    Orders,
    Surveys,
}

impl RecordKind {
    /// In the order a history lists them (and a load reads them).
    pub const ALL: [RecordKind; 4] = [
        RecordKind::Customers,
        RecordKind::Tickets,
        RecordKind::Orders,
        RecordKind::Surveys,
    ];

    /// The contract's name: `customers`, `tickets`, `orders`, `surveys`.
    pub const fn name(self) -> &'static str {
        match self {
            RecordKind::Customers => "customers",
            RecordKind::Tickets => "tickets",
            RecordKind::Orders => "orders",
            RecordKind::Surveys => "surveys",
        }
    }

    pub fn from_name(name: &str) -> Option<RecordKind> {
        Self::ALL.into_iter().find(|k| k.name() == name)
    }

    /// "customers, tickets, orders, surveys", for error messages.
    pub fn names() -> String {
        Self::ALL.map(RecordKind::name).join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::RecordKind;

    #[test]
    fn record_kinds_round_trip_by_name() {
        for k in RecordKind::ALL {
            assert_eq!(RecordKind::from_name(k.name()), Some(k));
        }
        assert_eq!(RecordKind::from_name("pets"), None);
        assert_eq!(RecordKind::from_name("Tickets"), None);
        assert_eq!(RecordKind::names(), "customers, tickets, orders, surveys");
    }
}
