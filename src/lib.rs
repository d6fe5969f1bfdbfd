pub mod csv;
pub mod text;
pub mod time;
pub mod util;
